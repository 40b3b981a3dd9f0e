// Apart from admission.ts, so that env.ts reads the defaults without loading GraphQL.

export interface AdmissionOptions {
  /** Cost units all requests running at once may hold together; a request weighs its cost, or its predicted answer in KiB when that is more. */
  budget: number;
  /** The share of the budget (0–1) one client (remote address) may hold while another client waits; a client holding nothing may always start one request. */
  clientShare: number;
  /** Requests cheaper than this run at once, outside the budget (`{ __typename }`, one article by id). */
  freeCost: number;
  /** How many requests may wait for room at once; more are refused at once. */
  queueLength: number;
  /** How long a request waits for room before it is refused. */
  queueWaitMs: number;
  /** The largest answer (bytes, as predicted from the query) the server builds; larger ones are refused before they run. */
  maxAnswerBytes: number;
}

export const ADMISSION_DEFAULTS: AdmissionOptions = {
  // ArticlesWithEntities (first 50) weighs 21,201 and ConflictTraversal (10 × 20) 12,671: at 40,000
  // the first ran one at a time, Node idle while Postgres ran its statements and the other way
  // round. Here four run at once, so the two overlap.
  budget: 100_000,
  clientShare: 0.5,
  freeCost: 200,
  queueLength: 64,
  queueWaitMs: 2_000,
  // The contract's ConflictTraversal at its largest pages (100 × 100) predicts 17.4 MB.
  maxAnswerBytes: 24 * 1024 * 1024,
};
