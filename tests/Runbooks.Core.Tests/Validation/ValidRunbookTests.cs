namespace Runbooks.Core.Tests.Validation;

/// <summary>A runbook that uses every construct of the language is valid: no rule fires on correct input.</summary>
public sealed class ValidRunbookTests
{
    private const string Child = """
        name: child
        parameters:
          unit: { type: string, pattern: "[a-z0-9@._-]+" }
        steps:
          - { id: hello, action: log, with: { message: "hi {{ params.unit }}" } }
        outputs:
          greeting: "{{ steps.hello.status }}"
        """;

    private const string Parent = """
        name: everything
        description: Uses every construct once.
        version: 1.2.0
        tags: [demo, validation]
        parameters:
          services: { type: list, default: [nginx, php-fpm] }
          unit: { type: string, pattern: "[a-z0-9@._-]+", default: nginx }
          pause: { type: duration, default: 1s }
          token: { type: secret }
        targets: local
        steps:
          - id: check
            name: Is the unit active?
            action: shell
            with:
              script: "systemctl is-active {{ params.unit }}"
              okExitCodes: [0, 3]
            retry: { attempts: 3, backoff: fixed, initialDelay: 1s, maxDelay: 10s, jitter: 0.2, when: attempt.exitCode == 3 }
            timeout: 30s
            idempotent: true
            outputs:
              active: "{{ result.exitCode == 0 }}"
          - id: each
            forEach: { items: "{{ params.services }}", as: svc, concurrency: 2 }
            action: shell
            with: { argv: [systemctl, restart, "{{ svc }}"] }
            continueOnError: true
          - id: block
            forEach: { items: [a, b] }
            steps:
              - { id: inner, action: log, with: { message: "item {{ item }} at {{ index }}" } }
              - { id: inner_check, action: assert, with: { that: "{{ steps.inner.status == 'succeeded' }}" } }
          - id: fanout
            parallel:
              - { id: left, action: log, with: { message: "{{ steps.check.outputs.active }}" } }
              - { id: right, action: wait, with: { duration: "{{ params.pause }}" } }
          - id: facts
            action: set
            with: { values: { version: "{{ steps.left.status }}", count: "{{ steps.block.outputs.count }}" } }
          - id: sub
            action: runbook
            with: { path: child.yaml, params: { unit: "{{ params.unit }}" } }
            onFailure:
              - { id: explain, action: log, with: { message: "{{ error }} {{ steps.sub.status }}", level: error } }
          - id: report
            if: steps.right.status == "succeeded"
            action: http.request
            with:
              url: https://example.invalid/report
              method: POST
              headers: { Authorization: "Bearer {{ secrets.token }}" }
              body: "{{ steps.facts.outputs.version }} {{ steps.sub.outputs.greeting }} {{ steps.each.outputs.results }}"
        onFailure:
          - { id: page, action: log, with: { message: "failed: {{ error }}", level: error } }
        finally:
          - { id: bye, action: log, with: { message: "done {{ run.id }}" } }
        outputs:
          version: "{{ steps.facts.outputs.version }}"
          greeting: "{{ steps.sub.outputs.greeting }}"
        """;

    [Fact]
    public void LoadFile_EveryConstruct_HasNoDiagnostics()
    {
        using var dir = new TempDirectory();
        dir.Write("child.yaml", Child);
        var result = Validator.Loader.LoadFile(dir.Write("everything.yaml", Parent));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Equal(["check", "each", "block", "fanout", "facts", "sub", "report"], result.Runbook!.Steps.Select(s => s.Id));
    }
}
