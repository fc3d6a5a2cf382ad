/** Doing enigmas (answer type `done`): solved by the student's own script, never by typing. */

/** The request header a script tags its checkouts with. */
export const AGENT_HEADER = 'X-Agent-Code';

export interface DoingProgress {
  checkoutsCounted?: number | null;
  checkoutsRequired?: number | null;
}

/** "3/5 checkouts counted" (counts clamp to 0..required; unknown counts read as 0). */
export function doingProgress(p: DoingProgress): string {
  const required = Math.max(1, p.checkoutsRequired ?? 1);
  const counted = Math.min(required, Math.max(0, p.checkoutsCounted ?? 0));
  return `${counted}/${required} checkout${required === 1 ? '' : 's'} counted`;
}

/** What the student must do, in words. */
export function doingInstruction(): string {
  return `Solved by doing: run your script against the shop and send your agent code in the ${AGENT_HEADER} header of each checkout (POST /api/orders). Only checkouts that pass the token checks count.`;
}
