// Where the single-key shortcuts may act: the review letters (R F U N P T C, ReviewPanel.vue)
// and the list's "/" (CallsView.vue, a looser rule: see slashKeyAllowed). They are meant for the list and the open call; a key
// pressed anywhere else belongs to what has focus there. So they do nothing
// - while a modal dialog is open (wherever focus is: the page behind it is not in use);
// - when the key's target is inside a dialog, a popover (a filter chip's panel) or a menu;
// - when the target is a form control, a button, a link or a tab — except an element that
//   opts in with `data-single-keys` (the review panel's status buttons: after a click on one,
//   N or R goes on with the review);
// - with Ctrl, Alt or Meta held (the browser's and the system's keys), while an input method
//   composes, or when a handler already took the key.

/** An open modal dialog anywhere in the document. */
const MODAL = '[aria-modal="true"], dialog[open]';
/** Containers whose keys are their own: dialogs, popovers, menus. */
const OVERLAY =
  '[role="dialog"], [role="alertdialog"], [role="menu"], [role="menubar"], [role="tooltip"], dialog, [popover]';
/** Elements that take keys themselves (or that a letter must not reach through). */
const CONTROL = [
  'input',
  'textarea',
  'select',
  'button',
  'a[href]',
  'summary',
  '[contenteditable]:not([contenteditable="false"])',
  ...[
    'button',
    'checkbox',
    'combobox',
    'link',
    'listbox',
    'menuitem',
    'menuitemcheckbox',
    'menuitemradio',
    'option',
    'radio',
    'searchbox',
    'slider',
    'spinbutton',
    'switch',
    'tab',
    'textbox',
  ].map((role) => `[role="${role}"]`),
].join(', ');

function isElement(target: EventTarget | null): target is Element {
  return !!target && typeof (target as Element).closest === 'function';
}

/** Whether a single-key shortcut may act on this keydown (see the head of this file). */
export function singleKeyAllowed(event: KeyboardEvent, doc: Document): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || event.defaultPrevented) return false;
  if (doc.querySelector(MODAL)) return false;
  const target = event.target;
  // A key sent to the window or the document itself (focus on the page body).
  if (!isElement(target)) return true;
  if (target.closest(OVERLAY)) return false;
  if (target.closest('[data-single-keys]')) return true;
  return !target.closest(CONTROL);
}

/** Elements the user types into: "/" is a character there. */
const TYPING =
  'input, textarea, select, [contenteditable]:not([contenteditable="false"]), [role="textbox"], [role="searchbox"], [role="combobox"], [role="spinbutton"]';

/**
 * "/" to the search box: it changes no data, so it also works from a button, link or tab (a filter
 * chip, a header tab), but not behind a dialog, inside a popover or where "/" is typed.
 */
export function slashKeyAllowed(event: KeyboardEvent, doc: Document): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || event.defaultPrevented) return false;
  if (doc.querySelector(MODAL)) return false;
  const target = event.target;
  if (!isElement(target)) return true;
  return !target.closest(OVERLAY) && !target.closest(TYPING);
}
