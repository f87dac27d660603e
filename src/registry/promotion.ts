/** Pure decisions about aliases and history: what a rollback goes back to, what a resume still owes. */

export interface AliasEvent {
  action: 'publish' | 'promote' | 'rollback';
  version: number;
  alias: string | null;
}

/**
 * The version a rollback without an explicit target returns to: replays the alias's history as a
 * stack (promote pushes; rollback pops back to its target), so repeated rollbacks keep walking
 * back instead of flip-flopping between two versions. Falls back to the alias record's
 * previousVersion when the history does not explain the current state.
 */
export function rollbackTarget(
  events: AliasEvent[],
  alias: string,
  current: number,
  previousVersion: number | null,
): number | null {
  const stack: number[] = [];
  for (const e of events) {
    if (e.alias !== alias) continue;
    if (e.action === 'promote') {
      stack.push(e.version);
    } else if (e.action === 'rollback') {
      const at = stack.lastIndexOf(e.version);
      if (at >= 0) stack.length = at + 1;
      else stack.push(e.version);
    }
  }
  if (stack[stack.length - 1] === current) {
    for (let i = stack.length - 2; i >= 0; i--) if (stack[i] !== current) return stack[i] as number;
    return null;
  }
  return previousVersion !== current ? previousVersion : null;
}

/** A resumed publication moves the alias only forward: never back over a newer promotion. */
export function shouldMoveOnResume(aliasVersion: number | null, version: number): boolean {
  return aliasVersion === null || aliasVersion < version;
}
