/** Shared helpers for the backend-client tests: start a fake server, assert on typed results. */
import assert from 'node:assert/strict';
import type { BackendFailure, BackendResult, FailureReason } from '../../../src/jaeger/backendTypes';
import { FakeTraceBackend, type FakeBackendOptions } from '../../fakes/fakeTraceBackend';

/** Runs `body` against a fresh in-process fake server, closing it afterwards. */
export async function withFake<T>(options: FakeBackendOptions, body: (fake: FakeTraceBackend) => Promise<T>): Promise<T> {
  const fake = await FakeTraceBackend.start(options);
  try {
    return await body(fake);
  } finally {
    await fake.close();
  }
}

/** The value of a successful result; fails the test with the failure's message otherwise. */
export function expectOk<T>(result: BackendResult<T>): T {
  if (!result.ok) assert.fail(`expected success, got ${result.reason}: ${result.message}`);
  return result.value;
}

/** The failure of a failed result, checked to have `reason`. */
export function expectFailure(result: BackendResult<unknown>, reason: FailureReason): BackendFailure {
  if (result.ok) assert.fail(`expected a ${reason} failure, got success: ${JSON.stringify(result.value).slice(0, 200)}`);
  assert.equal(result.reason, reason, `reason (message: ${result.message})`);
  return result;
}
