// The agent table's order: by name, or by a figure most first; ties and missing figures placed.
import { describe, expect, it } from 'vitest';
import { nextAgentSort, sortAgents, type AgentFigures } from '../../src/shared/statistics';

const agent = (name: string, handled: number, avgTalkSec: number | null): AgentFigures => ({
  agent: name,
  answered: handled,
  consults: 0,
  handled,
  unansweredOffers: 0,
  talkSec: (avgTalkSec ?? 0) * handled,
  avgTalkSec,
});
const rows = [agent('Bo', 5, 120), agent('Ane', 9, 90), agent('Cai', 5, null), agent('Åse', 0, null)];
const names = (r: AgentFigures[]) => r.map((a) => a.agent);

describe('agent table order', () => {
  it("by name A to Z in the UI language's alphabet (Danish Å after Z), and back", () => {
    expect(names(sortAgents(rows, { key: 'agent', direction: 'asc' }, 'en-GB'))).toEqual(['Ane', 'Åse', 'Bo', 'Cai']);
    expect(names(sortAgents(rows, { key: 'agent', direction: 'asc' }, 'da-DK'))).toEqual(['Ane', 'Bo', 'Cai', 'Åse']);
    expect(names(sortAgents(rows, { key: 'agent', direction: 'desc' }, 'da-DK'))).toEqual(['Åse', 'Cai', 'Bo', 'Ane']);
  });

  it('by a figure, most first; ties in name order', () => {
    expect(names(sortAgents(rows, { key: 'handled', direction: 'desc' }, 'da-DK'))).toEqual([
      'Ane',
      'Bo',
      'Cai',
      'Åse',
    ]);
    expect(names(sortAgents(rows, { key: 'handled', direction: 'asc' }, 'da-DK'))).toEqual(['Åse', 'Bo', 'Cai', 'Ane']);
  });

  it('a missing figure goes last, whichever the direction', () => {
    expect(names(sortAgents(rows, { key: 'avgTalkSec', direction: 'desc' }, 'da-DK'))).toEqual([
      'Bo',
      'Ane',
      'Cai',
      'Åse',
    ]);
    expect(names(sortAgents(rows, { key: 'avgTalkSec', direction: 'asc' }, 'da-DK'))).toEqual([
      'Ane',
      'Bo',
      'Cai',
      'Åse',
    ]);
  });

  it('a click on another column sorts it most first (a name A to Z); on the same column it turns', () => {
    expect(nextAgentSort({ key: 'agent', direction: 'asc' }, 'handled')).toEqual({ key: 'handled', direction: 'desc' });
    expect(nextAgentSort({ key: 'handled', direction: 'desc' }, 'handled')).toEqual({
      key: 'handled',
      direction: 'asc',
    });
    expect(nextAgentSort({ key: 'handled', direction: 'desc' }, 'agent')).toEqual({ key: 'agent', direction: 'asc' });
  });

  it('does not change the rows it is given', () => {
    const before = names(rows);
    sortAgents(rows, { key: 'handled', direction: 'desc' }, 'da-DK');
    expect(names(rows)).toEqual(before);
  });
});
