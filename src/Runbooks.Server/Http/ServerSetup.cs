using Hangfire;
using Runbooks.Core.Actions;
using Runbooks.Core.Engine;
using Runbooks.Core.Inventory;
using Runbooks.Core.Scheduling;
using Runbooks.Core.Validation;
using Runbooks.Storage;

namespace Runbooks.Server.Http;

/// <summary>What the HTTP server is built from: the worker it fronts and the services the CLI composed.</summary>
public sealed class ServerSetup
{
    /// <summary>The run journal (runs, approvals, keys, pauses, saves).</summary>
    public required JournalStore Store { get; init; }

    /// <summary>Loads and validates runbooks.</summary>
    public required RunbookLoader Loader { get; init; }

    /// <summary>The engine: binds parameters and resolves targets for queueing, and plans (dry-runs).</summary>
    public required RunEngine Engine { get; init; }

    /// <summary>The worker of this process (its submitter and schedules).</summary>
    public required RunWorker Worker { get; init; }

    /// <summary>The workers' Hangfire storage (the dashboard shows it).</summary>
    public required JobStorage HangfireStorage { get; init; }

    /// <summary>Alert intake, breakers and escalation.</summary>
    public required Alerts.AlertServices Alerts { get; init; }

    /// <summary>The built-in actions (the catalog).</summary>
    public required ActionRegistry Actions { get; init; }

    /// <summary>The inventory, or null when none is configured.</summary>
    public InventoryDefinition? Inventory { get; init; }

    /// <summary>Maintenance windows and freezes.</summary>
    public required MaintenanceCalendar Calendar { get; init; }

    /// <summary>The runbooks folder (<c>workflows/</c>) the API reads and saves into.</summary>
    public required string Workflows { get; init; }

    /// <summary>Whether the decider (a key's name) is among a gate's approvers (names and <c>role:</c> entries).</summary>
    public required Func<string, IReadOnlyList<string>, bool> IsApprover { get; init; }

    /// <summary>The server's settings.</summary>
    public required ServerOptions Options { get; init; }

    /// <summary>Serilog.</summary>
    public required Serilog.ILogger Log { get; init; }

    /// <summary>The clock (a fake one in tests).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
