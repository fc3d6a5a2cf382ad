import { useEffect, useState } from 'react';
import type { AdminApi, SessionProgress } from '../../api/client';
import { followStream } from '../../lib/sse';

/** What the server says happened (ProgressEvent in docs/api.md). */
export interface ProgressEvent {
  kind: string;
  studentId?: number | null;
  nickname?: string | null;
  enigma?: string | null;
  correct?: boolean | null;
  stars?: number | null;
  at: string;
}

/**
 * Puts a solve on the board the moment its event arrives, before the fresh progress (which also
 * recomputes ranks and time to detect) comes back: the board shows a solve within the stream's
 * delay, not the stream's plus a whole progress query. Other events wait for the fresh progress.
 */
export function applyEvent(p: SessionProgress, e: ProgressEvent): SessionProgress {
  if (e.kind !== 'solve' || e.studentId == null || !e.enigma) return p;
  const stars = e.stars ?? 0;
  let changed = false;
  const students = p.students.map((s) => {
    if (s.id !== e.studentId) return s;
    const cell = s.enigmas[e.enigma as string] ?? { solved: false, hintsTaken: 0, wrongAnswers: 0, attempts: 0 };
    if (cell.solved) return s;
    changed = true;
    return {
      ...s,
      stars: s.stars + stars,
      solved: s.solved + 1,
      attempts: s.attempts + 1,
      enigmas: { ...s.enigmas, [e.enigma as string]: { ...cell, solved: true, stars, attempts: cell.attempts + 1, solvedAt: e.at } },
    };
  });
  if (!changed) return p;
  return { ...p, students, enigmas: p.enigmas.map((x) => (x.key === e.enigma ? { ...x, solvedBy: x.solvedBy + 1 } : x)) };
}

/**
 * A session's progress kept live: the stream's snapshot first, then a fresh progress after every
 * event (join, attempt, solve, hint, student, enigma, session, message), at most one request in
 * flight. A slow poll is the safety net for what has no event (an anomaly starting).
 */
export function useLiveProgress(api: AdminApi, token: string, id: number | undefined) {
  const [progress, setProgress] = useState<SessionProgress>();
  const [error, setError] = useState<unknown>();
  const [live, setLive] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    setProgress(undefined);
    setError(undefined);
    if (id === undefined) return;
    const ctl = new AbortController();
    let inflight = false;
    let again = false;
    const refetch = async (): Promise<void> => {
      if (inflight) {
        again = true;
        return;
      }
      inflight = true;
      try {
        const p = await api.progress(id);
        if (!ctl.signal.aborted) {
          setProgress(p);
          setError(undefined);
        }
      } catch (e) {
        if (!ctl.signal.aborted) setError(e);
      } finally {
        inflight = false;
        if (again && !ctl.signal.aborted) {
          again = false;
          void refetch();
        }
      }
    };
    const { url, headers } = api.progressStream(id);
    void followStream(
      url,
      headers,
      {
        onEvent: (e) => {
          if (e.event === 'snapshot') {
            try {
              setProgress(JSON.parse(e.data) as SessionProgress);
            } catch {
              void refetch();
            }
          } else {
            try {
              const event = JSON.parse(e.data) as ProgressEvent;
              setProgress((p) => (p ? applyEvent(p, event) : p));
            } catch {
              // not an event we understand: the fresh progress will tell
            }
            void refetch();
          }
        },
        onState: (ok) => setLive(ok),
      },
      ctl.signal,
    );
    const poll = window.setInterval(() => void refetch(), 15000);
    return () => {
      ctl.abort();
      window.clearInterval(poll);
      setLive(false);
    };
    // the api object is rebuilt on every render; the token and the session name the stream
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token, id, tick]);
  return { progress, error, live, reload: () => setTick((t) => t + 1) };
}
