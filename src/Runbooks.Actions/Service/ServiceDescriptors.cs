using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Service;

/// <summary>The descriptors of the seven <c>service.*</c> actions: one input shape, one output list.</summary>
internal static class ServiceDescriptors
{
    /// <summary>
    /// A unit or init-script name: letters, digits and <c>@ : _ . - \</c> (systemd's unit-name characters, with
    /// <c>\</c> for its escapes such as <c>\x2d</c>), not starting with '-', at most 256 characters, no line break
    /// (the lookahead refuses one even where '$' would match before a final newline).
    /// </summary>
    public const string NamePattern = @"^(?!-)(?!.*\n)[A-Za-z0-9@:_.\\-]{1,256}$";

    /// <summary>The pattern's meaning, for validation messages.</summary>
    public const string NameRule = "a service or unit name: letters, digits and @ : _ . - \\ (not starting with '-')";

    public static ActionDescriptor For(ServiceVerb verb)
    {
        var word = ServiceText.VerbWord(verb);
        List<FieldShape> fields =
        [
            new("name", ValueShape.String("The service: a systemd unit name (nginx, nginx.service, getty@tty1.service) or a SysV init script name.") with { Pattern = NamePattern, PatternDescription = NameRule }, Required: true),
            new("manager", ValueShape.Enum("Which service manager to use: auto detects systemd (systemctl present and systemd running) and falls back to SysV init's service command.", "auto", "systemd", "sysv") with { Default = "auto" }),
        ];
        if (verb is ServiceVerb.Start or ServiceVerb.Stop or ServiceVerb.Restart or ServiceVerb.Reload)
        {
            fields.Add(new("verifyTimeout", ValueShape.Duration($"How long to wait, after the {word} command returns, for the service to be {(verb == ServiceVerb.Stop ? "inactive" : "active")} before failing with its status lines (the step timeout still applies).") with { Default = "15s" }));
        }
        return new ActionDescriptor
        {
            Name = "service." + word,
            Category = "Service",
            Description = Description(verb),
            Inputs = new ValueShape { Kind = ValueKind.Object, Description = "The service and how to reach its manager.", Fields = fields },
            Outputs =
            [
                new("exists", ValueShape.Bool("Whether the manager knows the service (systemd LoadState is not not-found; sysv: not an unrecognized service).")),
                new("active", ValueShape.Bool("Whether it is running (systemd ActiveState active or reloading; sysv status exit 0).")),
                new("activeState", ValueShape.String("systemd's ActiveState (active, inactive, failed, activating …); sysv: active or inactive.")),
                new("subState", ValueShape.String("systemd's SubState (running, exited, dead …); sysv: running or dead.")),
                new("mainPid", ValueShape.Int("The main process id; 0 when none (or sysv status does not print one).")),
                new("enabled", ValueShape.Bool("Whether it starts at boot; null when unknown (static units; sysv hosts with update-rc.d).")),
                new("manager", ValueShape.Enum("The manager used.", "systemd", "sysv")),
            ],
            // restart and reload always act (that is what they are asked for): twice is two restarts.
            IdempotentByDefault = verb is not (ServiceVerb.Restart or ServiceVerb.Reload),
            Example = $"""
                - id: {word}_nginx
                  action: service.{word}
                  with: {"{"} name: nginx {"}"}
                """,
            DefaultTimeout = verb == ServiceVerb.Status ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(2),
        };
    }

    private static string Description(ServiceVerb verb) => verb switch
    {
        ServiceVerb.Status => "Reports a service's state (exists, active, enabled, main PID) through systemd or SysV init; a missing service is exists: false, not a failure.",
        ServiceVerb.Start => "Starts a service unless it is already active (then nothing runs, changed: false), then waits until it is active.",
        ServiceVerb.Stop => "Stops a service unless it is already inactive (then nothing runs, changed: false), then waits until it is inactive.",
        ServiceVerb.Restart => "Restarts a service (always; changed: true), then waits until it is active.",
        ServiceVerb.Reload => "Asks a service to reload its configuration (always; changed: true), then checks it is still active.",
        ServiceVerb.Enable => "Enables a service at boot unless it already is (changed: false); does not start it.",
        ServiceVerb.Disable => "Disables a service at boot unless it already is (changed: false); does not stop it.",
        _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, null),
    };
}
