namespace Runbooks.Core.Tests.Validation;

/// <summary>Variables that exist only in some places: <c>result</c> in step outputs, <c>error</c> in handlers, <c>attempt</c> in retry.when.</summary>
public sealed class ScopeRuleTests
{
    private const string BaseRoots = "available here: alert, params, run, secrets, steps, target";

    [Fact]
    public void LoadText_ResultInStepOutputs_IsValid() => Validator.Valid("""
        name: scopes
        steps:
          - id: check
            action: shell
            with: { argv: [uptime] }
            outputs:
              load: "{{ result.stdout }}"
        """);

    [Fact]
    public void LoadText_ResultInInputs_ReportsRB0306()
    {
        var error = Validator.Single("""
            name: scopes
            steps:
              - id: a
                action: log
                with: { message: "{{ result.stdout }}" }
            """);
        Assert.Equal($"rb.yaml:5:26: error RB0306 at steps[0].with.message: unknown variable 'result'; {BaseRoots}", error);
    }

    [Fact]
    public void LoadText_ErrorInHandlersAndFinally_IsValid() => Validator.Valid("""
        name: scopes
        steps:
          - id: a
            action: shell
            with: { argv: ["false"] }
            onFailure:
              - { id: why, action: log, with: { message: "{{ error }} {{ steps.a.error }}" } }
        onFailure:
          - { id: page, action: log, with: { message: "{{ error }}" } }
        finally:
          - { id: bye, action: log, with: { message: "{{ error }}" } }
        """);

    [Fact]
    public void LoadText_ErrorInAMainStep_ReportsRB0306()
    {
        var error = Validator.Single("""
            name: scopes
            steps:
              - id: a
                action: log
                with: { message: "{{ error }}" }
            """);
        Assert.Equal($"rb.yaml:5:26: error RB0306 at steps[0].with.message: unknown variable 'error'; {BaseRoots}", error);
    }

    [Fact]
    public void LoadText_AttemptInRetryWhen_IsValid() => Validator.Valid("""
        name: scopes
        steps:
          - id: a
            action: shell
            with: { argv: [uptime] }
            retry: { attempts: 3, when: attempt.exitCode == 75 }
        """);

    [Fact]
    public void LoadText_AttemptInIf_ReportsRB0306()
    {
        var error = Validator.Single("""
            name: scopes
            steps:
              - id: a
                action: log
                with: { message: hi }
                if: attempt.number > 1
            """);
        Assert.Equal($"rb.yaml:6:9: error RB0306 at steps[0].if: unknown variable 'attempt'; {BaseRoots}", error);
    }
}
