// Modal behaviour for a dialog: focus moves in when it opens, Tab and Shift+Tab
// cycle inside it (focus that lands outside is brought back), Esc reaches the
// dialog wherever focus is (a document-level listener: after a drop-opened
// import finishes, the button that had focus is gone), and when it closes focus
// returns to the element that opened it (or to a fallback when that is gone).
import { nextTick, onBeforeUnmount, watch, type Ref } from 'vue';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]';

/** The elements Tab visits inside root, in document order. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.tabIndex >= 0 && !el.closest('[inert]'),
  );
}

export interface ModalOptions {
  /** Esc pressed while the dialog is open (wherever focus is). */
  onEscape(): void;
  /** Where focus goes on close when the opener is gone or was the page itself. */
  fallbackFocus?(): HTMLElement | null;
}

export function useModal(open: Ref<boolean>, root: Ref<HTMLElement | null>, options: ModalOptions): void {
  let opener: HTMLElement | null = null;

  function onKeydown(e: KeyboardEvent): void {
    const el = root.value;
    if (!el) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation(); // the calls view's Esc (close the call) must not fire too
      options.onEscape();
      return;
    }
    if (e.key !== 'Tab') return;
    const list = focusables(el);
    if (list.length === 0) {
      e.preventDefault();
      el.focus();
      return;
    }
    const first = list[0]!;
    const last = list[list.length - 1]!;
    const active = document.activeElement as HTMLElement | null;
    const inside = !!active && el.contains(active) && active !== el;
    if (e.shiftKey && (!inside || active === first)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (!inside || active === last)) {
      e.preventDefault();
      first.focus();
    }
  }
  function onFocusIn(e: FocusEvent): void {
    const el = root.value;
    if (el && e.target instanceof Node && !el.contains(e.target)) (focusables(el)[0] ?? el).focus();
  }

  function activate(): void {
    const active = document.activeElement as HTMLElement | null;
    opener = active && active !== document.body ? active : null;
    document.addEventListener('keydown', onKeydown, true);
    document.addEventListener('focusin', onFocusIn);
    void nextTick(() => root.value?.focus());
  }
  function deactivate(): void {
    document.removeEventListener('keydown', onKeydown, true);
    document.removeEventListener('focusin', onFocusIn);
    const back = opener && opener.isConnected ? opener : (options.fallbackFocus?.() ?? null);
    opener = null;
    void nextTick(() => back?.focus());
  }

  watch(
    open,
    (now, before) => {
      if (now && !before) activate();
      else if (!now && before) deactivate();
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    document.removeEventListener('keydown', onKeydown, true);
    document.removeEventListener('focusin', onFocusIn);
  });
}
