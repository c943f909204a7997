namespace Runbooks.Actions.Tests.TestSupport;

/// <summary>Looks at processes through /proc.</summary>
internal static class Processes
{
    /// <summary>Whether a process is running; a zombie (killed, not yet reaped by init) counts as gone.</summary>
    public static bool IsAlive(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        var state = stat[(stat.LastIndexOf(')') + 2)..][0];
        return state is not ('Z' or 'X');
    }

    /// <summary>Waits up to five seconds for a process to be gone; true when it is.</summary>
    public static async Task<bool> WaitGoneAsync(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            if (!IsAlive(pid))
            {
                return true;
            }
            await Task.Delay(50);
        }
        return false;
    }
}
