import { mkdtempSync, readFileSync, appendFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deliverAdvices, isFinalRefusal, NOT_FOUND_FINAL_AFTER_MS } from './advices';
import { TerminalHome } from './home';
import { NoAnswerError, ProblemError, type Answer } from './http';
import { Journal, type PendingAdvice } from './journal';

const problem = (status: number, slug: string) =>
  new ProblemError({ type: `https://tillpoint.dev/problems/${slug}`, title: slug, status });
const ok = (state: string): Answer => ({ status: 200, headers: new Headers(), text: '', json: { state } });

function freshJournal() {
  const home = new TerminalHome(mkdtempSync(join(tmpdir(), 'pos-journal-')));
  return { home, journal: new Journal(home) };
}

describe('the terminal journal', () => {
  it('keeps an advice pending until it is settled, across a new Journal on the same directory', () => {
    const { home, journal } = freshJournal();
    journal.queue('reverse', 'ref-1', 'c-1');
    journal.queue('confirm', 'ref-2', 'c-1');
    journal.queue('reverse', 'ref-1', 'c-1'); // queued twice: still one advice
    const restarted = new Journal(home);
    expect(restarted.pending().map((p) => `${p.advice} ${p.clientRef}`)).toEqual([
      'reverse ref-1',
      'confirm ref-2',
    ]);
    restarted.settle({ advice: 'reverse', clientRef: 'ref-1', cashierId: 'c-1' }, 'acknowledged', 'REVERSED');
    expect(new Journal(home).pending().map((p) => p.clientRef)).toEqual(['ref-2']);
  });

  it('skips a torn last line (a crash mid-write) and keeps the rest', () => {
    const { home, journal } = freshJournal();
    journal.queue('confirm', 'ref-3', 'c-1');
    appendFileSync(join(home.dir, 'journal.jsonl'), '{"kind":"advice","adv');
    expect(new Journal(home).pending().map((p) => p.clientRef)).toEqual(['ref-3']);
  });

  it('writes the device secret file with mode 0600 and never puts it in the journal', () => {
    const { home, journal } = freshJournal();
    home.saveDevice({
      terminalId: 't-1',
      deviceId: 'dev-1',
      deviceSecret: 'very-secret-value',
      gateway: 'http://x',
    });
    journal.printed({ clientRef: 'r', saleId: 's', state: 'COMPLETED' }, 'PIN      ********5678', false);
    expect(statSync(join(home.dir, 'device.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(home.dir, 'journal.jsonl'), 'utf8')).not.toContain('very-secret-value');
  });
});

describe('delivering advices', () => {
  const since = new Date().toISOString();
  const advice = (clientRef: string): PendingAdvice => ({
    advice: 'reverse',
    clientRef,
    cashierId: 'c-1',
    since,
  });

  it('settles a 2xx as acknowledged and a final 4xx as final, keeps a 5xx pending', async () => {
    const { journal } = freshJournal();
    for (const ref of ['a', 'b', 'c']) journal.queue('reverse', ref, 'c-1');
    const answers: Record<string, () => Promise<Answer>> = {
      a: () => Promise.resolve(ok('REVERSED')),
      b: () => Promise.reject(problem(409, 'advice-refused')),
      c: () => Promise.reject(problem(503, 'try-again')),
    };
    const reports = await deliverAdvices(journal, journal.pending(), (p) => answers[p.clientRef]());
    expect(reports.map((r) => [r.advice.clientRef, r.result])).toEqual([
      ['a', 'acknowledged'],
      ['b', 'final'],
      ['c', 'pending'],
    ]);
    expect(journal.pending().map((p) => p.clientRef)).toEqual(['c']);
  });

  it('stops the round at the first advice that gets no answer at all', async () => {
    const { journal } = freshJournal();
    for (const ref of ['a', 'b']) journal.queue('confirm', ref, 'c-1');
    const sent: string[] = [];
    const reports = await deliverAdvices(journal, journal.pending(), (p) => {
      sent.push(p.clientRef);
      return Promise.reject(new NoAnswerError('POST', '/x', new Error('ECONNREFUSED')));
    });
    expect(sent).toEqual(['a']);
    expect(reports.map((r) => r.result)).toEqual(['pending']);
    expect(journal.pending()).toHaveLength(2);
  });

  it('treats session, rate and young not-found answers as not final', () => {
    expect(isFinalRefusal(problem(401, 'token-expired'), advice('x'))).toBe(false);
    expect(isFinalRefusal(problem(429, 'rate-limited'), advice('x'))).toBe(false);
    expect(isFinalRefusal(problem(404, 'sale-not-found'), advice('x'))).toBe(false);
    const old = { ...advice('x'), since: new Date(Date.now() - NOT_FOUND_FINAL_AFTER_MS - 1).toISOString() };
    expect(isFinalRefusal(problem(404, 'sale-not-found'), old)).toBe(true);
    expect(isFinalRefusal(problem(409, 'advice-refused'), advice('x'))).toBe(true);
  });
});
