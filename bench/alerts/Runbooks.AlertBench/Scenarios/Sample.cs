namespace Runbooks.AlertBench.Scenarios;

/// <summary>One alert: what the client saw and what the journal recorded, and the phases between, in milliseconds.</summary>
internal sealed record Sample(SentAlert Sent, JournalTimes Times)
{
    /// <summary>Client's send → first step started: the headline number.</summary>
    public double SendToStep => Ms(Sent.SentAt, Times.StepStarted);

    /// <summary>Server's receipt (<c>alerts.received_at</c>) → first step started.</summary>
    public double ReceivedToStep => Ms(Times.Received, Times.StepStarted);

    /// <summary>Send → receipt: the HTTP request, authentication, reading and parsing the body.</summary>
    public double SendToReceived => Ms(Sent.SentAt, Times.Received);

    /// <summary>Receipt → the client has the 202: match, decide, commit, create the Hangfire job, answer.</summary>
    public double ReceivedToAnswer => Ms(Times.Received, Sent.AnsweredAt);

    /// <summary>Receipt → a worker claimed the run (<c>run.resumed</c>): all of the above, then Hangfire's fetch and the claim.</summary>
    public double ReceivedToClaimed => Ms(Times.Received, Times.Claimed);

    /// <summary>Claim → first step started: loading the run and the engine up to the step's start record.</summary>
    public double ClaimedToStep => Ms(Times.Claimed, Times.StepStarted);

    /// <summary>First step started → the run ended (the echo, the step's end, the run's end): how long a worker is busy after the start.</summary>
    public double StepToEnd => Ms(Times.StepStarted, Times.Ended);

    private static double Ms(DateTimeOffset? from, DateTimeOffset? to) => from is { } start && to is { } end ? (end - start).TotalMilliseconds : double.NaN;
}
