/**
 * The simulated side of a benchmark: synthetic users with locally minted tokens ({@link
 * io.pushfleet.bench.fleet.TokenMint}), where they connect ({@link io.pushfleet.bench.fleet.FleetPlan}),
 * thousands of TCP clients ({@link io.pushfleet.bench.fleet.ClientFleet}: the lean {@link
 * io.pushfleet.bench.fleet.NettyFleet} or the client SDK's {@link io.pushfleet.bench.fleet.SdkFleet}), and the
 * admin REST calls the scenarios make ({@link io.pushfleet.bench.fleet.AdminApi}), and what the box says about
 * itself: the conditions of a run ({@link io.pushfleet.bench.fleet.Machine}) and process, socket and memory
 * figures from {@code /proc} ({@link io.pushfleet.bench.fleet.ProcStats}). Start at {@code ClientFleet}.
 */
package io.pushfleet.bench.fleet;
