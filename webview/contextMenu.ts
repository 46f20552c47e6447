/**
 * The span row's context menu (`.tl-context-menu`, `role="menu"`): Go to Source, copy span id / JSON,
 * expand or collapse the subtree. Opened by right-click, Shift+F10 or the context-menu key; arrows move,
 * Enter runs, Escape closes and gives the focus back to the tree.
 */
import { el } from './dom';

export interface MenuItem {
  readonly id: string;
  readonly label: string;
  readonly run: () => void;
}

let open: HTMLElement | undefined;

export function closeContextMenu(): void {
  // Cleared first: removing the focused menu fires its focusout, which calls this again.
  const menu = open;
  open = undefined;
  menu?.remove();
}

export function showContextMenu(items: readonly MenuItem[], x: number, y: number, onClose: () => void): void {
  closeContextMenu();
  const menu = el('div', 'tl-context-menu');
  menu.setAttribute('role', 'menu');
  const buttons = items.map((item) => {
    const button = el('button', 'tl-menu-item', item.label);
    button.type = 'button';
    button.id = item.id;
    button.setAttribute('role', 'menuitem');
    button.tabIndex = -1;
    button.addEventListener('click', () => {
      closeContextMenu();
      item.run();
    });
    menu.appendChild(button);
    return button;
  });
  menu.addEventListener('keydown', (event) => {
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (at + (event.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length;
      buttons[next]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      closeContextMenu();
      onClose();
    }
  });
  menu.addEventListener('focusout', (event) => {
    if (!(event.relatedTarget instanceof Node) || !menu.contains(event.relatedTarget)) closeContextMenu();
  });
  document.body.appendChild(menu);
  // Keep the menu inside the window.
  const width = menu.offsetWidth;
  const height = menu.offsetHeight;
  menu.style.left = `${Math.max(0, Math.min(x, window.innerWidth - width - 4))}px`;
  menu.style.top = `${Math.max(0, Math.min(y, window.innerHeight - height - 4))}px`;
  open = menu;
  buttons[0]?.focus();
}
