// Field names of the Genesys Cloud analytics conversation details model
// (AnalyticsConversation, AnalyticsParticipant, AnalyticsSession,
// AnalyticsConversationSegment): anything else is counted as unknown.

export const CONVERSATION_FIELDS = new Set([
  'conversationId', 'conversationStart', 'conversationEnd', 'conversationInitiator', 'customerParticipation',
  'divisionIds', 'externalTag', 'knowledgeBaseIds', 'mediaStatsMinConversationMos', 'mediaStatsMinConversationRFactor',
  'originatingDirection', 'originatingSocialMediaPublic', 'selfServed', 'conferenceStart', 'evaluations', 'surveys',
  'resolutions', 'participants', 'inactivityTimeout', 'conversationSubject',
]);

export const PARTICIPANT_FIELDS = new Set([
  'participantId', 'participantName', 'purpose', 'userId', 'externalContactId', 'externalContactInitialDivisionId',
  'externalOrganizationId', 'flaggedReason', 'teamId', 'screenRecordingState', 'sessions', 'attributes', 'externalContact',
]);

export const SESSION_FIELDS = new Set([
  'sessionId', 'mediaType', 'direction', 'ani', 'dnis', 'sessionDnis', 'addressFrom', 'addressTo', 'addressSelf', 'addressOther',
  'edgeId', 'outboundCampaignId', 'outboundContactId', 'outboundContactListId', 'dispositionAnalyzer', 'dispositionName',
  'callbackNumbers', 'callbackScheduledTime', 'callbackUserName', 'skipEnabled', 'timeoutSeconds', 'selectedAgentId',
  'selectedAgentRank', 'routingRing', 'routingRule', 'routingRuleType', 'usedRouting', 'requestedRoutings', 'protocolCallId',
  'provider', 'remote', 'remoteNameDisplayable', 'recording', 'peerId', 'acwSkipped', 'agentOwned', 'cleared', 'flowInType',
  'flowOutType', 'mediaBridgeId', 'mediaCount', 'messageType', 'monitoredParticipantId', 'coachedParticipantId',
  'activeSkillIds', 'removedSkillIds', 'agentBullseyeRing', 'assignerId', 'authenticated', 'detectedSpeechStart',
  'detectedSpeechEnd', 'eligibleAgentCounts', 'waitingInteractionCounts', 'agentGroups', 'proposedAgents',
  'mediaEndpointStats', 'flow', 'metrics', 'segments', 'scriptId', 'journeyCustomerId', 'journeyCustomerSessionId',
  'journeyCustomerSessionIdType', 'journeyCustomerIdType', 'journeyActionId', 'journeyActionMapId', 'journeyActionMapVersion',
  'roomId', 'videoRoomId', 'videoAddressSelf', 'screenShareAddressSelf', 'screenShareRoomId', 'sharingScreen', 'cobrowseRole',
  'cobrowseRoomId', 'deliveryStatus', 'deliveryStatusChangeDate', 'destinationAddresses', 'extendedDeliveryStatus',
  'bcc', 'cc', 'agentAssistantId', 'dispositionAnalyzer', 'bargedParticipantId',
]);

export const SEGMENT_FIELDS = new Set([
  'segmentStart', 'segmentEnd', 'segmentType', 'queueId', 'disconnectType', 'wrapUpCode', 'wrapUpNote', 'wrapUpTags',
  'errorCode', 'groupId', 'conference', 'audioMuted', 'videoMuted', 'destinationConversationId', 'destinationSessionId',
  'sourceConversationId', 'sourceSessionId', 'q850ResponseCodes', 'sipResponseCodes', 'requestedLanguageId',
  'requestedRoutingSkillIds', 'requestedRoutingUserIds', 'subject', 'scoredAgents', 'properties',
  // Older schema (e.g. purecloud SDK 0.29): these lived on the segment before moving to the session.
  'mediaType', 'direction', 'ani', 'dnis', 'addressFrom', 'addressTo', 'addressSelf', 'addressOther', 'outboundCampaignId',
  'dialerCampaignId', 'dialerContactListId', 'dialerContactId', 'dispositionAnalyzer', 'dispositionName', 'edgeId', 'howEnded',
  'monitoredParticipantId',
]);

/** The segment types of the model; others are kept and counted as unknown. */
export const SEGMENT_TYPES = new Set([
  'unknown', 'alert', 'system', 'delay', 'hold', 'interact', 'ivr', 'dialing', 'wrapup', 'voicemail', 'scheduled',
  'contacting', 'transmitting', 'converting', 'uploading', 'sharing', 'callback',
]);
