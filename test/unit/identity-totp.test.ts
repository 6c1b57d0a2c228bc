import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newTotpSecret, totpCode, totpEnrolment, totpStep } from '../../src/modules/identity/totp.js';

test('a current code is accepted and names its 30-second step; one step of drift either side is allowed', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 0, 1, 8, 0, 15);
  const step = Math.floor(now / 30000);
  assert.equal(totpStep(secret, totpCode(secret, now), now), step);
  assert.equal(totpStep(secret, totpCode(secret, now - 30_000), now), step - 1);
  assert.equal(totpStep(secret, totpCode(secret, now + 30_000), now), step + 1);
  assert.equal(totpStep(secret, totpCode(secret, now - 90_000), now), null);
});

test('malformed and wrong codes are refused', () => {
  const secret = newTotpSecret();
  const now = Date.now();
  const good = totpCode(secret, now);
  const wrong = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
  assert.equal(totpStep(secret, wrong, now), null);
  assert.equal(totpStep(secret, '12345', now), null);
  assert.equal(totpStep(secret, 'abcdef', now), null);
});

test('enrolment gives an otpauth URL with the platform issuer and a PNG QR code', async () => {
  const e = await totpEnrolment(newTotpSecret(), 'admin');
  assert.match(e.otpauthUrl, /^otpauth:\/\/totp\/.*issuer=%E7%A4%BA%E4%BE%8B%E5%B8%82/);
  assert.match(e.otpauthUrl, /algorithm=SHA1&digits=6&period=30/);
  assert.match(e.qrDataUrl, /^data:image\/png;base64,/);
  assert.match(e.secret, /^[A-Z2-7]{32}$/);
});
