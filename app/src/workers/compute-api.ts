/**
 * The handler map the compute worker exposes. Features add their handlers here; every
 * handler is plain data in, plain data (or transferable typed arrays) out.
 */
export const computeApi = {
  /** Liveness check used by the dashboard. */
  ping(): string {
    return "worker ok";
  },
};

export type ComputeApi = typeof computeApi;
