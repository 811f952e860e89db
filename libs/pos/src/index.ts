// The terminal client (libs/pos): what the `pos` CLI, the replay, the benchmark (bench/) and the end-to-end
// suite drive. Tools only: apps never import it (tagged type:tool).
export * from './http';
export * from './home';
export * from './journal';
export * from './advices';
export * from './local-errors';
export * from './messages';
export * from './sessions';
export * from './terminal';
export * from './views';
export { gatewayUrl, platformEnv } from './platform-env';
export { AdminClient } from './replay/admin';
export { replay, type ReplayOptions } from './replay/replay';
export { readDataSet, readTraffic, type TrafficLine } from './replay/data';
export type { ReplayReport } from './replay/report';
export { checkInvariants, formatOutcomes, type InvariantOutcome } from './invariants/run';
export { Snapshots } from './invariants/snapshot';
