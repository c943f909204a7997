namespace Runbooks.Core.Model;

/// <summary>What a scheduled run whose fire time falls outside its maintenance window does (<c>outsideWindow:</c>).</summary>
public enum OutsideWindowPolicy
{
    /// <summary><c>wait</c> (the default): the run is held back and starts when the window next opens.</summary>
    Wait,

    /// <summary><c>skip</c>: this fire time is skipped (and logged with the reason); the next one is tried as usual.</summary>
    Skip,
}
