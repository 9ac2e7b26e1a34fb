// Chromium (headless, Debian's /usr/bin/chromium) against the sdp-offer-answer
// negotiator, driven through playwright-core. The negotiator runs in the
// `webrtc_peer` example (JSON lines on stdin/stdout).
//
//   node driver.mjs --peer <path to webrtc_peer> [--chromium /usr/bin/chromium] [--only <substring>] [--verbose]
//
// Prints one line per case and `N passed, N failed`; exits 1 on any failure.
// A refusal by Chromium fails its case with Chromium's error message.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const peerPath = opt('--peer', null);
const chromiumPath = opt('--chromium', process.env.CHROMIUM || '/usr/bin/chromium');
const only = opt('--only', null);
const verbose = args.includes('--verbose');
const CASE_TIMEOUT_MS = Number(process.env.CASE_TIMEOUT_MS || 30000);

if (!peerPath) {
  console.error('usage: node driver.mjs --peer <webrtc_peer binary>');
  process.exit(2);
}

// ---------------------------------------------------------------- the negotiator

class Peer {
  constructor(bin) {
    this.proc = spawn(bin, [], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.waiting = [];
    this.exited = null;
    readline.createInterface({ input: this.proc.stdout }).on('line', (line) => {
      const w = this.waiting.shift();
      if (w) w.resolve(JSON.parse(line));
    });
    this.proc.on('exit', (code, signal) => {
      this.exited = `webrtc_peer exited (${code ?? signal})`;
      for (const w of this.waiting.splice(0)) w.reject(new Error(this.exited));
    });
  }

  // Sends one command; resolves with the reply, throws on {"ok":false}.
  async call(cmd) {
    if (this.exited) throw new Error(this.exited);
    const reply = await new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.proc.stdin.write(`${JSON.stringify(cmd)}\n`);
    });
    if (!reply.ok) throw new Error(`our negotiator refused ${cmd.cmd}: ${reply.error}`);
    return reply;
  }

  close() {
    this.proc.stdin.end();
  }
}

// ---------------------------------------------------------------- SDP reading

function parseSdp(sdp) {
  const lines = sdp.split(/\r?\n/).filter((l) => l.length > 0);
  const out = { bundle: null, media: [] };
  let m = null;
  for (const l of lines) {
    if (l.startsWith('m=')) {
      const [media, port, proto, ...fmts] = l.slice(2).split(' ');
      m = { media, port: Number(port), proto, fmts, mid: null, direction: 'sendrecv', rtpmap: {}, fmtp: {}, attrs: [] };
      out.media.push(m);
      continue;
    }
    if (!l.startsWith('a=')) continue;
    const a = l.slice(2);
    if (!m) {
      if (a.startsWith('group:BUNDLE')) out.bundle = a.split(' ').slice(1);
      continue;
    }
    m.attrs.push(a);
    if (a.startsWith('mid:')) m.mid = a.slice(4);
    else if (['sendrecv', 'sendonly', 'recvonly', 'inactive'].includes(a)) m.direction = a;
    else if (a.startsWith('rtpmap:')) {
      const [pt, enc] = a.slice(7).split(' ');
      const [name, clock, channels] = enc.split('/');
      m.rtpmap[pt] = { name, clock: Number(clock), channels: Number(channels || 1) };
    } else if (a.startsWith('fmtp:')) {
      const sp = a.indexOf(' ');
      m.fmtp[a.slice(5, sp)] = a.slice(sp + 1);
    }
  }
  return out;
}

const reverse = (d) => ({ sendonly: 'recvonly', recvonly: 'sendonly' })[d] || d;

// "name/clock[/channels] pt" keys, sorted, for comparing codec lists.
const key = (name, clock, channels, pt) =>
  `${name.toLowerCase()}/${clock}${channels && channels !== 1 ? `/${channels}` : ''} pt=${pt}`;
const chromeCodecs = (list) =>
  list.map((c) => key(c.mimeType.split('/')[1], c.clockRate, c.channels, c.payloadType)).sort();
const ourCodecs = (stream, which) =>
  stream.codecs.map((c) => key(c.name, c.clock_rate, c.channels, c[which])).sort();
const sdpCodecs = (m) =>
  m.fmts.map((pt) => {
    const r = m.rtpmap[pt];
    return r ? key(r.name, r.clock, r.channels, Number(pt)) : `static pt=${pt}`;
  }).sort();

function sameList(what, got, want) {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g !== w) throw new Error(`${what}: Chromium has ${g}, our negotiator has ${w}`);
}

function check(cond, message) {
  if (!cond) throw new Error(message);
}

// Chromium's view (transceivers) against our NegotiatedSession, stream by
// stream (matched by mid). Returns a short description.
function compareSession(report, session, { ourSdp }) {
  const notes = [];
  const sdp = parseSdp(ourSdp);
  for (const s of session.streams) {
    const m = sdp.media[s.index];
    if (s.media === 'application') {
      if (s.state === 'active') check(report.sctp, `mid ${s.mid}: we accepted the data channel but Chromium has no SCTP transport`);
      notes.push(`${s.mid}:data ${s.state}`);
      continue;
    }
    const t = report.transceivers.find((x) => x.mid === s.mid);
    if (s.state !== 'active') {
      // A stopped transceiver leaves getTransceivers() once negotiated.
      check(m.port === 0, `mid ${s.mid}: ${s.state} but our SDP gives port ${m.port}`);
      check(!t || t.currentDirection === 'stopped' || t.currentDirection === 'inactive' || t.currentDirection === null,
        `mid ${s.mid}: ${s.state} in our session, Chromium's currentDirection is ${t && t.currentDirection}`);
      notes.push(`${s.mid}:${s.media} ${s.state}`);
      continue;
    }
    check(t, `mid ${s.mid}: Chromium has no transceiver for it`);
    check(t.currentDirection === reverse(s.direction),
      `mid ${s.mid}: our direction ${s.direction}, Chromium's currentDirection ${t.currentDirection} (expected ${reverse(s.direction)})`);
    // What Chromium sends is what we receive, with our payload types.
    if (s.direction.includes('recv') || s.direction === 'sendrecv') {
      sameList(`mid ${s.mid} Chromium's sender codecs vs our receive codecs`, chromeCodecs(t.senderCodecs), ourCodecs(s, 'recv_pt'));
    }
    // Chromium receives what its own SDP lists (as offerer, every codec it
    // offered): what we send must be among them, with the same numbers.
    if (s.direction.includes('send')) {
      const receives = chromeCodecs(t.receiverCodecs);
      const missing = ourCodecs(s, 'send_pt').filter((c) => !receives.includes(c));
      check(missing.length === 0, `mid ${s.mid}: we would send ${JSON.stringify(missing)}, Chromium receives only ${JSON.stringify(receives)}`);
    }
    const main = s.codecs.filter((c) => !['rtx', 'red', 'ulpfec', 'telephone-event', 'cn'].includes(c.name.toLowerCase()));
    notes.push(`${s.mid}:${s.media} ${s.direction} ${main.map((c) => `${c.name}/${c.send_pt}`).join(',')}`);
  }
  return notes.join('; ');
}

// Our NegotiatedSession against Chromium's answer SDP: formats, directions, bundle.
function compareWithAnswerSdp(session, chromeAnswer) {
  const sdp = parseSdp(chromeAnswer);
  check(sdp.media.length === session.streams.length,
    `Chromium's answer has ${sdp.media.length} m-lines, our session ${session.streams.length}`);
  for (const s of session.streams) {
    const m = sdp.media[s.index];
    check(m.mid === s.mid, `m-line ${s.index}: Chromium's mid ${m.mid}, ours ${s.mid}`);
    if (m.port === 0 && !m.attrs.includes('bundle-only')) {
      check(s.state !== 'active', `m-line ${s.index}: Chromium rejected it, our session says active`);
      continue;
    }
    check(s.state === 'active', `m-line ${s.index}: Chromium accepted it, our session says ${s.state}`);
    if (s.media !== 'application') {
      check(reverse(m.direction) === s.direction,
        `mid ${s.mid}: Chromium answered ${m.direction}, our session says we ${s.direction}`);
      sameList(`mid ${s.mid} Chromium's answered formats vs our send codecs`, sdpCodecs(m), ourCodecs(s, 'send_pt'));
    }
  }
  const mids = session.bundle_group.map((i) => session.streams[i].mid);
  sameList('BUNDLE group', sdp.bundle || [], mids);
}

// ---------------------------------------------------------------- the cases

const cases = [];
const test = (name, fn) => cases.push({ name, fn });

// Chromium offers, we answer, Chromium applies our answer.
async function chromeOffers(ctx, name, { spec, bundlePolicy, bundle }) {
  await ctx.peer.call({ cmd: 'new', bundle, data: true });
  await ctx.page.evaluate(([n, c]) => T.create(n, c), [name, { bundlePolicy, rtcpMuxPolicy: 'require', iceTransportPolicy: 'relay' }]);
  const offer = await ctx.page.evaluate(([n, s]) => T.offer(n, s), [name, spec]);
  return exchange(ctx, name, offer);
}

// Our negotiator answers `offer`; Chromium applies the answer; both views compared.
async function exchange(ctx, name, offer) {
  const { sdp: answer, session } = await ctx.peer.call({ cmd: 'answer', offer });
  ctx.log(`--- Chromium offer\n${offer}--- our answer\n${answer}`);
  const report = await ctx.page.evaluate(([n, a]) => T.acceptAnswer(n, a), [name, answer]);
  check(report.signalingState === 'stable', `Chromium's signaling state is ${report.signalingState}`);
  const parsedOffer = parseSdp(offer);
  const parsedAnswer = parseSdp(answer);
  check(parsedAnswer.media.length === parsedOffer.media.length,
    `our answer has ${parsedAnswer.media.length} m-lines for ${parsedOffer.media.length} offered`);
  return { offer, answer, session, report, notes: compareSession(report, session, { ourSdp: answer }) };
}

// We offer, Chromium answers (directions by mid), our negotiator takes the answer.
async function weOffer(ctx, name, directions) {
  const { sdp: offer } = await ctx.peer.call({ cmd: 'offer' });
  const report = await ctx.page.evaluate(([n, o, d]) => T.answer(n, o, d), [name, offer, directions]);
  ctx.log(`--- our offer\n${offer}--- Chromium answer\n${report.localSdp}`);
  const { session } = await ctx.peer.call({ cmd: 'answer_received', answer: report.localSdp });
  compareWithAnswerSdp(session, report.localSdp);
  const notes = compareSession(report, session, { ourSdp: offer });
  return { offer, report, session, notes };
}

const SPECS = [
  ['audio', { audio: true }],
  ['audio+video', { audio: true, video: true }],
  ['audio+video+data', { audio: true, video: true, data: true }],
];

for (const [label, spec] of SPECS) {
  for (const [policy, bundle] of [['max-bundle', true], ['balanced', true], ['max-compat', false]]) {
    test(`1 Chromium offer ${label}, bundlePolicy ${policy}, ${bundle ? 'BUNDLE' : 'no BUNDLE'} answered`, async (ctx) => {
      const r = await chromeOffers(ctx, 'c1', { spec, bundlePolicy: policy, bundle });
      const group = parseSdp(r.answer).bundle;
      if (bundle) {
        check(group && group.length === r.session.streams.length, `our answer's BUNDLE group is ${group}`);
      } else {
        check(!group, `our answer has a BUNDLE group ${group} with BUNDLE off`);
      }
      return r.notes;
    });
  }
}

for (const [label, data] of [['audio+video', false], ['audio+video+data', true]]) {
  test(`2 our offer ${label} (BUNDLE, DTLS) answered by Chromium`, async (ctx) => {
    await ctx.peer.call({ cmd: 'new', bundle: true, data });
    await ctx.page.evaluate((n) => T.create(n, { bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require', iceTransportPolicy: 'relay' }), 'c2');
    // Chromium's audio transceiver sends and receives; its video only receives.
    const r = await weOffer(ctx, 'c2', { 0: 'sendrecv' });
    check(r.session.bundle_group.length === r.session.streams.length, `bundle group ${r.session.bundle_group}`);
    return `${r.notes}; bundle ${r.session.bundle_group}`;
  });
}

// Case 3 runs its steps on one call; each step is a line of its own.
const c3 = {};
test('3a Chromium re-offer adding a video stream answered', async (ctx) => {
  const first = await chromeOffers(ctx, 'c3', { spec: { audio: true, video: true }, bundlePolicy: 'max-bundle', bundle: true });
  await ctx.page.evaluate((n) => T.addTransceiver(n, 'video'), 'c3');
  const offer = await ctx.page.evaluate((n) => T.offer(n, null), 'c3');
  check(parseSdp(offer).media.length === 3, 'Chromium did not append an m-line');
  const r = await exchange(ctx, 'c3', offer);
  const added = r.session.streams[2];
  check(added.state === 'active' && added.media === 'video', `added stream: ${added.state} ${added.media}`);
  c3.ready = true;
  return `${first.session.streams.length} → ${r.session.streams.length} m-lines; ${r.notes}`;
});
test('3b Chromium re-offer stopping it (port 0, m-line kept) answered', async (ctx) => {
  check(c3.ready, 'needs 3a');
  c3.ready = false;
  await ctx.page.evaluate((n) => T.stop(n, '2'), 'c3');
  const offer = await ctx.page.evaluate((n) => T.offer(n, null), 'c3');
  const m = parseSdp(offer).media;
  check(m.length === 3 && m[2].port === 0, `Chromium's offer: ${m.length} m-lines, last port ${m[2] && m[2].port}`);
  const r = await exchange(ctx, 'c3', offer);
  const am = parseSdp(r.answer).media;
  check(am.length === 3 && am[2].port === 0, `our answer: ${am.length} m-lines, last port ${am[2] && am[2].port}`);
  check(r.session.streams[2].state === 'disabled', `stopped stream: ${r.session.streams[2].state}`);
  c3.ready = true;
  return r.notes;
});
test('3c our hold (sendonly) answered recvonly by Chromium', async (ctx) => {
  check(c3.ready, 'needs 3b');
  c3.ready = false;
  await ctx.peer.call({ cmd: 'hold' });
  const r = await weOffer(ctx, 'c3', null);
  const offered = parseSdp(r.offer).media;
  const answered = parseSdp(r.report.localSdp).media;
  for (const i of [0, 1]) {
    check(offered[i].direction === 'sendonly', `our hold offer: m-line ${i} is ${offered[i].direction}`);
    check(answered[i].direction === 'recvonly', `Chromium answered m-line ${i} with ${answered[i].direction}`);
    const t = r.report.transceivers.find((x) => x.mid === offered[i].mid);
    check(t.currentDirection === 'recvonly', `Chromium's currentDirection for mid ${t.mid} is ${t.currentDirection}`);
    check(r.session.streams[i].direction === 'sendonly', `our session: ${r.session.streams[i].direction}`);
  }
  check(offered[2].port === 0 && answered[2].port === 0, 'the stopped m-line is not kept at port 0');
  c3.ready = true;
  return r.notes;
});
test('3d our resume (sendrecv) answered sendrecv by Chromium', async (ctx) => {
  check(c3.ready, 'needs 3c');
  await ctx.peer.call({ cmd: 'resume' });
  const r = await weOffer(ctx, 'c3', null);
  for (const i of [0, 1]) {
    check(r.session.streams[i].direction === 'sendrecv', `our session: ${r.session.streams[i].direction}`);
  }
  return r.notes;
});

// Case 4: ICE restarts (RFC 8445 §9) both ways on one call.
const iceOf = (sdp) => {
  const m = /a=ice-ufrag:(\S+)/.exec(sdp);
  const p = /a=ice-pwd:(\S+)/.exec(sdp);
  return `${m && m[1]} ${p && p[1]}`;
};
const c4 = {};
test('4a Chromium restartIce(): our answer carries fresh credentials', async (ctx) => {
  const first = await chromeOffers(ctx, 'c4', { spec: { audio: true, video: true }, bundlePolicy: 'max-bundle', bundle: true });
  await ctx.page.evaluate((n) => T.restartIce(n), 'c4');
  const offer = await ctx.page.evaluate((n) => T.offer(n, null), 'c4');
  check(iceOf(offer) !== iceOf(first.offer), "Chromium's restart offer kept its credentials");
  const r = await exchange(ctx, 'c4', offer);
  check(iceOf(r.answer) !== iceOf(first.answer), `our answer kept our credentials ${iceOf(r.answer)}`);
  check(r.session.streams[0].ice_restart === true, 'our session does not report the restart');
  c4.ready = true;
  c4.answer = r.answer;
  return `ufrag ${iceOf(first.answer).split(' ')[0]} → ${iceOf(r.answer).split(' ')[0]}; ${r.notes}`;
});
test('4b our restart_ice(): our re-offer carries new credentials, Chromium answers', async (ctx) => {
  check(c4.ready, 'needs 4a');
  await ctx.peer.call({ cmd: 'restart_ice' });
  const r = await weOffer(ctx, 'c4', null);
  check(iceOf(r.offer) !== iceOf(c4.answer), `our re-offer kept our credentials ${iceOf(r.offer)}`);
  check(r.session.streams[0].ice_restart === true, 'our session does not report the restart');
  return r.notes;
});

// ---------------------------------------------------------------- running

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// Playwright prefixes page errors with "page.evaluate: "; keep Chromium's words.
const cleanError = (e) => String(e && e.message ? e.message : e).replace(/^page\.evaluate: /, '').split('\n')[0];

async function main() {
  const t0 = Date.now();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdpoa-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    chromiumSandbox: false,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      // No mDNS name is announced for a host candidate (multicast off the
      // machine); the peer connections gather none anyway (relay-only ICE).
      '--disable-features=WebRtcHideLocalIpsWithMdns',
    ],
  });
  const browserVersion = context.browser() ? context.browser().version() : 'chromium';
  const page = context.pages()[0] || (await context.newPage());
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  await page.goto(`file://${path.join(here, 'page.html')}`);
  const peer = new Peer(peerPath);
  console.log(`Chromium ${browserVersion} (${chromiumPath}), started in ${Date.now() - t0} ms`);

  let passed = 0;
  let failed = 0;
  const ctx = { page, peer, log: (s) => { if (verbose) console.log(s); } };
  for (const c of cases) {
    if (only && !c.name.includes(only)) continue;
    const start = Date.now();
    try {
      const detail = await withTimeout(c.fn(ctx), CASE_TIMEOUT_MS);
      passed += 1;
      console.log(`ok   ${c.name} (${Date.now() - start} ms): ${detail}`);
    } catch (e) {
      failed += 1;
      console.log(`FAIL ${c.name} (${Date.now() - start} ms): ${cleanError(e)}`);
    }
  }
  // Nothing is sent: relay-only ICE without a TURN server gathers no
  // candidate, so Chromium checks none of ours.
  const gathered = await page.evaluate(() => T.candidates()).catch((e) => cleanError(e));
  if (gathered === 0) {
    passed += 1;
    console.log('ok   no ICE candidate gathered by Chromium (no packet sent)');
  } else {
    failed += 1;
    console.log(`FAIL no ICE candidate gathered by Chromium: ${gathered}`);
  }
  await page.evaluate(() => T.closeAll()).catch(() => {});
  peer.close();
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
  if (consoleErrors.length) console.log(`Chromium console errors: ${consoleErrors.join(' | ')}`);
  console.log(`browser interop: ${Date.now() - t0} ms`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch((e) => {
  console.log(`FAIL setup: ${cleanError(e)}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
