/** Stable module ids, shared by the plugins (and, later, HMR): one place to change them. */
export const DECK_MODULE_PREFIX = 'virtual:slidewright/deck/';
export const RESOLVED_DECK_MODULE_PREFIX = '\0slidewright:deck:';

export function deckModuleId(name: string): string {
  return `${DECK_MODULE_PREFIX}${name}`;
}
