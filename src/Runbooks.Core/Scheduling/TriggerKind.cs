namespace Runbooks.Core.Scheduling;

/// <summary>What asks for a run, for <see cref="ScheduleGate"/>: freezes hold back every kind, windows only schedules.</summary>
public enum TriggerKind
{
    /// <summary>A person: <c>runbooks run</c>, the API, the designer.</summary>
    Manual,

    /// <summary>A <c>schedule:</c> trigger's fire time.</summary>
    Schedule,

    /// <summary>An alert matched by an <c>alert:</c> trigger.</summary>
    Alert,
}
