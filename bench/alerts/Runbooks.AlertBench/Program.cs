using Runbooks.AlertBench.Scenarios;

// Alert-remediation benchmark; what it measures and how to run it: docs/performance.md ("Alert remediation").
return await Orchestrator.MainAsync(args);
