import { useState } from 'react';
import type { AdminApi } from '../../api/client';
import { ProblemView, Stars, useAsync } from '../../components/ui';

/** Live progress of one class session (polled: EventSource cannot send the admin token header). */
export function SessionBoard({ api }: { api: AdminApi }) {
  const sessions = useAsync(() => api.sessions(), [], 15000);
  const [chosen, setChosen] = useState<number>();
  const id = chosen ?? sessions.data?.[0]?.id;
  const progress = useAsync(() => (id !== undefined ? api.progress(id) : Promise.resolve(undefined)), [id], 5000);
  return (
    <section aria-labelledby="board-title" className="card">
      <div className="section-head">
        <h2 id="board-title">Session progress</h2>
        {sessions.data && sessions.data.length > 0 ? (
          <div className="field inline">
            <label htmlFor="board-session">Session</label>
            <select id="board-session" value={id} onChange={(e) => setChosen(Number(e.target.value))}>
              {sessions.data.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.level}, code {s.joinCode}, page {s.studentPage})
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {sessions.error ? <ProblemView error={sessions.error} /> : null}
      {sessions.data && sessions.data.length === 0 ? <p className="muted">No class session yet: create one on the Admin page.</p> : null}
      {progress.error ? <ProblemView error={progress.error} /> : null}
      {progress.data ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Session progress table">
          <table>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col">Solved</th>
                <th scope="col">Stars</th>
                <th scope="col">Hints taken</th>
              </tr>
            </thead>
            <tbody>
              {progress.data.students.length === 0 ? (
                <tr>
                  <td colSpan={4}>Nobody has joined yet.</td>
                </tr>
              ) : null}
              {progress.data.students
                .slice()
                .sort((a, b) => b.stars - a.stars)
                .map((s, i) => (
                  <tr key={`${s.nickname}-${i}`}>
                    <th scope="row">{s.nickname}</th>
                    <td>{s.solved}</td>
                    <td>
                      <Stars value={Math.min(s.stars, 5)} max={5} label={`${s.stars} stars`} /> {s.stars}
                    </td>
                    <td>{s.hintsTaken}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
