// Tests against real servers wait on networks and disks; a generous ceiling, never a speed assertion.
jest.setTimeout(120_000);
