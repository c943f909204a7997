using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Audit;

/// <summary>
/// <c>audit.check</c>: judges a value an earlier step gathered on the host against what is expected and records the
/// verdict as a finding of the step's target. It runs nothing anywhere. A failed check is a finding, not a failure:
/// the step succeeds with <c>pass: false</c> (unless <c>failOnFinding</c>), so one bad setting never hides the next.
/// Values that cannot be judged (a regex that does not compile, a string where a number is needed) fail the step:
/// that is a runbook to fix, not a fact about the host.
/// </summary>
internal sealed class AuditCheckAction : IRunbookAction
{
    public const string ActionName = "audit.check";

    /// <summary>The value of the <c>operator</c> output when the explicit <c>pass</c> input decided.</summary>
    public const string PassOperator = "pass";

    public static readonly IReadOnlyList<string> Severities = ["info", "low", "medium", "high", "critical"];

    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = ActionName,
        Category = "Audit",
        Description = "Records a compliance finding for the step's target: judges actual against expected with an operator (or takes an explicit pass); a failed check is a finding, the step still succeeds unless failOnFinding.",
        Inputs = new ValueShape
        {
            Kind = ValueKind.Object,
            Description = "The check: exactly one of operator or pass.",
            Fields =
            [
                new("check", ValueShape.String("The check's name as the report shows it, e.g. \"sshd PermitRootLogin\"; unique per host reads best."), Required: true),
                new("actual", ValueShape.Any("What the host has, usually a template reading an earlier step (\"{{ steps.sshd.outputs.permitRootLogin }}\"). Must not be null: write \"{{ x ?? 'unset' }}\" when a value can be missing."), Required: true),
                new("expected", ValueShape.Any("What it should be; required with operator (a list for in, a regular expression for matches). With pass it is only shown in the report.")),
                new("operator", ValueShape.Enum("How to judge: equals, notEquals, lessThan, atMost (<=), greaterThan, atLeast (>=), matches (regex search, 1 s limit), contains (substring, list element or map key), in (actual is one of the expected list). Numbers compare as numbers, also from strings such as \"22\".", [.. AuditOperators.Names])),
                new("pass", ValueShape.Bool("The verdict, when a template decides it (e.g. \"{{ steps.tls.outputs.daysLeft >= 30 }}\") instead of an operator.")),
                new("severity", ValueShape.Enum("How bad a failure is; the report counts failures per severity.", [.. Severities]) with { Default = "medium" }),
                new("remediation", ValueShape.String("What to do when the check fails; shown beside failures in the report.")),
                new("failOnFinding", ValueShape.Bool("Fail the step when the check fails (the finding is still recorded), e.g. to stop a runbook before it changes a non-compliant host.") with { Default = false }),
            ],
            ExactlyOneOf = [["operator", "pass"]],
        },
        Outputs =
        [
            new("check", ValueShape.String("The check's name.")),
            new("pass", ValueShape.Bool("Whether the host complies.")),
            new("severity", ValueShape.Enum("The severity given.", [.. Severities])),
            new("actual", ValueShape.Any("The value judged.")),
            new("expected", ValueShape.Any("The expected value (null when pass decided and none was given).")),
            new("operator", ValueShape.String("The operator, or \"pass\" when the pass input decided.")),
            new("remediation", ValueShape.String("The remediation hint, or null.")),
            new("message", ValueShape.String("One line: the check, passed or failed, actual and expected.")),
        ],
        IdempotentByDefault = true,
        IsInstant = true,
        HasNoEffects = true,
        Example = """
            - id: sshd
              action: ssh.command
              idempotent: true
              with: { argv: [sshd, -T] }
              outputs:
                permitrootlogin: "{{ (result.stdout | regex.match '(?m)^permitrootlogin (.*)$')[1] ?? 'unset' }}"
            - id: root_login
              action: audit.check
              with:
                check: sshd PermitRootLogin
                actual: "{{ steps.sshd.outputs.permitrootlogin }}"
                operator: in
                expected: ["no", prohibit-password]
                severity: high
                remediation: set PermitRootLogin no in /etc/ssh/sshd_config
            """,
    };

    public Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        var check = inputs.RequireString("check");
        var actual = inputs.Get("actual");
        var expected = inputs.Get("expected");
        string op;
        bool pass;
        if (inputs.Has("pass"))
        {
            op = PassOperator;
            pass = inputs.GetBool("pass", false);
        }
        else
        {
            op = inputs.GetString("operator") ?? "equals";
            if (expected is null)
            {
                return Failed(context, $"check '{check}': operator {op} needs expected (what actual is judged against); give expected, or decide with pass instead of operator");
            }
            pass = AuditOperators.Judge(op, actual, expected, out var problem);
            if (problem is not null)
            {
                return Failed(context, $"check '{check}': {problem}");
            }
        }
        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["check"] = check,
            ["pass"] = pass,
            ["severity"] = inputs.GetString("severity") ?? "medium",
            ["actual"] = actual,
            ["expected"] = expected,
            ["operator"] = op,
            ["remediation"] = inputs.GetString("remediation"),
            ["message"] = Message(check, pass, op, actual, expected),
        };
        return Task.FromResult(!pass && inputs.GetBool("failOnFinding", false)
            ? ActionResult.Failure(context.Secrets.Apply((string)outputs["message"]!), outputs)
            : ActionResult.Success(outputs));
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var op = inputs.Has("pass") ? PassOperator : inputs.GetString("operator") ?? "equals";
        var verdict = op == PassOperator ? $"pass is {AuditValues.Show(inputs.Get("pass"))}" : $"actual {AuditValues.Show(inputs.Get("actual"))}, expected {Criterion(op, inputs.Get("expected"))}";
        var onFailure = inputs.GetBool("failOnFinding", false) ? "a failure fails the step" : "a failure is recorded as a finding";
        return $"audit check '{inputs.GetString("check")}' ({inputs.GetString("severity") ?? "medium"}), judged here, nothing runs on the target: {verdict}; {onFailure}";
    }

    /// <summary>What the operator asks of actual, as the report shows it: <c>&lt;= 85</c>, <c>one of [no, prohibit-password]</c>.</summary>
    public static string Criterion(string op, object? expected)
    {
        var value = AuditValues.Show(expected);
        return op switch
        {
            "notEquals" => "not " + value,
            "lessThan" => "< " + value,
            "atMost" => "<= " + value,
            "greaterThan" => "> " + value,
            "atLeast" => ">= " + value,
            "matches" => $"matching /{value}/",
            "contains" => "containing " + value,
            "in" => "one of " + value,
            PassOperator when expected is null => "",
            _ => value,
        };
    }

    private static string Message(string check, bool pass, string op, object? actual, object? expected)
    {
        var criterion = Criterion(op, expected);
        return $"{check}: {(pass ? "passed" : "failed")} (actual {AuditValues.Show(actual)}{(criterion.Length == 0 ? "" : ", expected " + criterion)})";
    }

    private static Task<ActionResult> Failed(ActionContext context, string error) =>
        Task.FromResult(ActionResult.Failure(context.Secrets.Apply(error)));
}
