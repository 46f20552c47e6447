/**
 * Find in trace: a text box (`#tl-find-input`, focused by `/`), the match count (`#tl-find-count`),
 * previous/next (`#tl-find-previous`, `#tl-find-next`, also Shift+Enter / Enter), "matches only"
 * (`#tl-find-only`) and "next error" (`#tl-next-error`). The search itself runs in the host, which has the
 * attribute text (see traceSearch.ts); this bar sends the query and shows the answer.
 */
import { el } from './dom';

/** Typing pauses this long (ms) before the query goes to the host. */
const QUERY_DELAY_MS = 150;

export interface FindBarActions {
  /** The query changed ('' clears the search). */
  readonly onQuery: (query: string) => void;
  readonly onStep: (direction: 1 | -1) => void;
  readonly onMatchesOnly: (only: boolean) => void;
  readonly onNextError: () => void;
  /** Escape: back to the tree. */
  readonly onLeave: () => void;
}

export interface FindBar {
  readonly element: HTMLElement;
  focus(): void;
  /** The query the next answer must be for (older answers are dropped). */
  readonly query: string;
  showResult(matchCount: number, currentIndex: number): void;
}

export function createFindBar(actions: FindBarActions): FindBar {
  const bar = el('div', 'tl-find');
  bar.setAttribute('role', 'search');
  const input = el('input', 'tl-input tl-find-input');
  input.id = 'tl-find-input';
  input.type = 'search';
  input.placeholder = 'Find: text or key=value';
  input.setAttribute('aria-label', 'Find spans by name or attribute (text or key=value); press / to focus');
  input.spellcheck = false;
  const count = el('span', 'tl-find-count');
  count.id = 'tl-find-count';
  count.setAttribute('aria-live', 'polite');
  const button = (id: string, text: string, title: string, onClick: () => void): HTMLButtonElement => {
    const b = el('button', 'tl-button', text);
    b.id = id;
    b.type = 'button';
    b.title = title;
    b.addEventListener('click', onClick);
    return b;
  };
  const only = el('input');
  only.type = 'checkbox';
  only.id = 'tl-find-only';
  only.addEventListener('change', () => actions.onMatchesOnly(only.checked));
  const onlyLabel = el('label', 'tl-check');
  onlyLabel.append(only, document.createTextNode(' Matches only'));

  let query = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      query = input.value.trim();
      count.textContent = query === '' ? '' : 'Searching…';
      actions.onQuery(query);
    }, QUERY_DELAY_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      actions.onStep(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      actions.onLeave();
    }
  });
  bar.append(
    input, count,
    button('tl-find-previous', '↑', 'Previous match (Shift+Enter)', () => actions.onStep(-1)),
    button('tl-find-next', '↓', 'Next match (Enter)', () => actions.onStep(1)),
    onlyLabel,
    button('tl-next-error', 'Next error', 'Select the next span with an error', actions.onNextError),
  );
  return {
    element: bar,
    focus: () => {
      input.focus();
      input.select();
    },
    get query() {
      return query;
    },
    showResult: (matchCount, currentIndex) => {
      if (query === '') count.textContent = '';
      else if (matchCount === 0) count.textContent = 'No matches';
      else count.textContent = currentIndex >= 0 ? `${currentIndex + 1} of ${matchCount}` : `${matchCount} match${matchCount === 1 ? '' : 'es'}`;
    },
  };
}
