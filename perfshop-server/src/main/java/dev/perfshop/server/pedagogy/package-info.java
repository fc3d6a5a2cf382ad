/**
 * Pedagogy: class sessions (join code, level, open/closed student page), students identified by
 * signed agent codes, enigmas with server-side answer checks stored as keyed hashes, hints and
 * stars, and the instructor's live progress (JSON, SSE, CSV/JSON export). See docs/pedagogy.md.
 *
 * <p>API for other features and the scenario runner: {@link
 * dev.perfshop.server.pedagogy.ClassSessions}, {@link dev.perfshop.server.pedagogy.EnigmaRegistry},
 * {@link dev.perfshop.server.pedagogy.EnigmaSpec}, {@link dev.perfshop.server.pedagogy.AnswerSpec}.
 */
package dev.perfshop.server.pedagogy;
