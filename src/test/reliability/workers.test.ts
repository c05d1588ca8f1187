import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { asyncRun, configure } from '../../index.js';
import type { PyWorkerRun } from '../../py-worker-run.js';
import type { PythonReadyDetail } from '../../runner/pool/worker-pool-types.js';
import { CRASH_PYTHON, element, hold, nextOutcome, setup, useLocalPyodide } from '../helpers.js';

useLocalPyodide();

/** Mounts a held cell and waits until its run has started in a worker. */
async function holding(attributes: Record<string, string> = {}, before = ''): Promise<{ el: PyWorkerRun; release: () => Promise<void>; outcome: Promise<CustomEvent> }> {
  const { code, release } = hold(before);
  const el = element(code, attributes);
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  const started = oneEvent(el, 'py-run');
  const outcome = nextOutcome(el);
  container.append(el);
  await started;
  return { el, release, outcome };
}

/** Waits until the held cell has printed "held": it has kept its worker busy for a second. */
async function heldForASecond(el: PyWorkerRun): Promise<void> {
  while (!el.stdout.includes('held')) await oneEvent(el, 'py-output');
}

/** The workers that announce themselves ready from now on. */
function readyWorkers(): number[] {
  const workers: number[] = [];
  addEventListener('py-worker-run:ready', (event) => workers.push((event as CustomEvent<PythonReadyDetail>).detail.worker));
  return workers;
}

describe(`elastic workers (${setup})`, () => {
  beforeEach(() => configure({ workers: 2, idleWorkerTimeout: 30 }));

  it('serves runs waiting behind a busy worker from a second worker, which says so when ready', async () => {
    const ready = readyWorkers();
    const busy = await holding();
    const quick = await asyncRun('1 + 1');
    expect(quick.results).to.equal(2);
    expect(busy.el.status).to.equal('running'); // answered while the first worker is still busy
    if (ready.length) expect(ready).to.include(2); // unless the second worker was already up from an earlier test
    await busy.release();
    expect((await busy.outcome).detail.value).to.equal('released');
  });

  it('keeps a session in its worker: its later cells wait for it, other cells do not', async () => {
    expect((await asyncRun('pinned = 41', undefined)).error).to.equal(undefined); // warm
    const first = element('x = 41', { session: 'pinned' });
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const firstDone = nextOutcome(first);
    container.append(first);
    await firstDone;
    const busy = await holding({ session: 'pinned' }, 'x += 1');
    const later = element('x', { session: 'pinned' });
    let laterAnswered = false;
    const laterOutcome = nextOutcome(later).then((event) => {
      laterAnswered = true;
      return event;
    });
    container.append(later);
    expect((await asyncRun('"elsewhere"')).results).to.equal('elsewhere');
    expect(laterAnswered).to.equal(false); // the session's cell waits for its worker
    await busy.release();
    await busy.outcome;
    const event = await laterOutcome;
    expect(event.type).to.equal('py-result');
    expect(event.detail.value).to.equal(42); // it ran where x is
  });

  it('keeps the order of one element’s runs with two workers free', async () => {
    const busy = await holding();
    expect((await asyncRun('1')).results).to.equal(1); // a second worker is up
    await busy.release();
    await busy.outcome;
    const el = element('0', { manual: '' });
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    container.append(el);
    const answers: unknown[] = [];
    el.addEventListener('py-result', (event) => answers.push(event.detail.value));
    el.code = 'import time\nt = time.time()\nwhile time.time() - t < 0.3: pass\n1';
    const one = el.run();
    el.code = '2';
    const two = el.run();
    await Promise.all([one, two]);
    expect(answers).to.deep.equal([1, 2]); // the second did not overtake the first in the other worker
    // Runs of different elements do not wait for each other.
    const other = element('"other"', { manual: '' });
    container.append(other);
    const held = hold();
    el.code = held.code;
    const slow = el.run();
    let slowDone = false;
    void slow.then(() => (slowDone = true));
    expect((await other.run()).value).to.equal('other');
    expect(slowDone).to.equal(false); // held until released: no race with the clock
    await held.release();
    expect((await slow).value).to.equal('released');
  });

  it('never starts more workers than configure({ workers }) allows', async () => {
    configure({ workers: 1 });
    const ready = readyWorkers();
    const busy = await holding();
    let answered = false;
    const waiting = asyncRun('"after"').then((result) => {
      answered = true;
      return result;
    });
    await heldForASecond(busy.el); // twice the time after which a second worker would start
    expect(answered).to.equal(false);
    expect(ready.filter((n) => n > 1)).to.deep.equal([]);
    await busy.release();
    expect((await waiting).results).to.equal('after');

    configure({ workers: 2 });
    const both = [await holding(), await holding()];
    let third = false;
    const thirdRun = asyncRun('3').then(() => (third = true));
    await Promise.all(both.map(({ el }) => heldForASecond(el)));
    expect(third).to.equal(false);
    expect(ready.filter((n) => n > 2)).to.deep.equal([]);
    await Promise.all(both.map(({ release }) => release()));
    await thirdRun;
  });

  it('retires an extra worker that stays idle, but not one holding a session', async () => {
    configure({ idleWorkerTimeout: 0.2 });
    const busy = await holding();
    expect((await asyncRun('1')).results).to.equal(1); // served by a second worker
    const retired = oneEvent(window, 'py-worker-run:retired');
    await busy.release();
    await busy.outcome;
    expect((await retired).detail.worker).to.be.oneOf([1, 2]);

    // A session that first ran in the second worker keeps it.
    const again = await holding();
    const session = element('kept = "here"', { session: 'in-second' });
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const sessionDone = nextOutcome(session);
    container.append(session);
    expect((await sessionDone).type).to.equal('py-result');
    await again.release();
    await again.outcome;
    const gone: number[] = [];
    const onRetired = (event: Event) => gone.push((event as CustomEvent<{ worker: number }>).detail.worker);
    addEventListener('py-worker-run:retired', onRetired);
    // Long enough for an idle timer of 0.2 s to fire: Python measures it.
    await asyncRun('import time\nt = time.time()\nwhile time.time() - t < 0.6: pass');
    removeEventListener('py-worker-run:retired', onRetired);
    const read = element('kept', { session: 'in-second' });
    const readDone = nextOutcome(read);
    container.append(read);
    const event = await readDone;
    expect(event.detail.value).to.equal('here');
    expect(event.detail.stderr).to.equal(''); // no "starts afresh" notice
  });

  it('a timeout and a crash in one worker leave the other worker’s run intact', async () => {
    const busy = await holding();
    const stopped = element('while True: pass', { timeout: '0.3' });
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const stoppedOutcome = nextOutcome(stopped);
    container.append(stopped);
    expect((await stoppedOutcome).detail.type).to.equal('RunTimeoutError');
    const crash = await asyncRun(CRASH_PYTHON);
    expect(crash.error).to.contain('Python crashed');
    expect(busy.el.status).to.equal('running');
    await busy.release();
    expect((await busy.outcome).detail.value).to.equal('released');
  });
});
