using System.Globalization;

namespace Runbooks.AlertBench.Harness;

/// <summary>
/// The machine's load average (<c>/proc/loadavg</c>, what <c>uptime</c> prints), read around every measurement: the
/// machine is shared, and a number measured while other work ran says little about the product.
/// </summary>
internal static class MachineLoad
{
    /// <summary>The 1-minute load average, or NaN where there is no /proc/loadavg.</summary>
    public static double OneMinute()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>"1-min load at start–end" of a measurement, e.g. <c>0.8–1.9</c>.</summary>
    public static string Span(double start, double end) => $"{start.ToString("0.0", CultureInfo.InvariantCulture)}–{end.ToString("0.0", CultureInfo.InvariantCulture)}";

    /// <summary>What <c>/proc/loadavg</c> says now (1, 5 and 15 minutes), for the log.</summary>
    public static string Now() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
