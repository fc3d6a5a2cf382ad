import { describe, expect, it } from 'vitest';
import type { SessionProgress } from '../../api/client';
import { applyEvent } from './useLiveProgress';

const progress = (): SessionProgress => ({
  session: { id: 1, name: 'c', level: 'BAC1', joinCode: 'ABCDEF', studentPage: 'open', archived: false, createdAt: '', students: 2, enigmas: 1 },
  enigmas: [{ key: 'slow', question: 'q', type: 'route', maxStars: 3, open: true, ready: true, solvedBy: 0, hintsTotal: 1, hintsReleased: 0 }],
  students: [
    { id: 7, nickname: 'ada', stars: 0, solved: 0, hintsTaken: 0, wrongAnswers: 1, attempts: 1, enigmas: { slow: { solved: false, hintsTaken: 0, wrongAnswers: 1, attempts: 1 } } },
    { id: 8, nickname: 'bob', stars: 0, solved: 0, hintsTaken: 0, wrongAnswers: 0, attempts: 0, enigmas: {} },
  ],
  leaderboard: [],
  scoreboard: [],
  detections: [],
  generatedAt: '',
});

describe('applyEvent', () => {
  it('puts a solve on the board at once: the cell, the stars and the solved count', () => {
    const p = applyEvent(progress(), { kind: 'solve', studentId: 8, enigma: 'slow', stars: 3, correct: true, at: '2026-12-06T09:00:00Z' });
    expect(p.students[1].enigmas.slow).toEqual({ solved: true, stars: 3, hintsTaken: 0, wrongAnswers: 0, attempts: 1, solvedAt: '2026-12-06T09:00:00Z' });
    expect(p.students[1].stars).toBe(3);
    expect(p.enigmas[0].solvedBy).toBe(1);
    expect(p.students[0]).toEqual(progress().students[0]);
  });

  it('counts a solve once and leaves other events to the fresh progress', () => {
    const once = applyEvent(progress(), { kind: 'solve', studentId: 7, enigma: 'slow', stars: 2, at: 't' });
    expect(applyEvent(once, { kind: 'solve', studentId: 7, enigma: 'slow', stars: 2, at: 't' })).toBe(once);
    const p = progress();
    expect(applyEvent(p, { kind: 'attempt', studentId: 7, enigma: 'slow', correct: false, at: 't' })).toBe(p);
    expect(applyEvent(p, { kind: 'solve', studentId: 99, enigma: 'slow', stars: 1, at: 't' })).toBe(p);
  });
});
