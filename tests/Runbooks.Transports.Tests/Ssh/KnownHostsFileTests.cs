using Runbooks.Transports.Ssh;

namespace Runbooks.Transports.Tests.Ssh;

public sealed class KnownHostsFileTests : IDisposable
{
    private static readonly string OldKey = "ssh-ed25519 " + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(51));
    private static readonly string NewKey = "ssh-ed25519 " + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(51));
    private readonly string _dir = Directory.CreateTempSubdirectory("rb-kh-").FullName;

    [Fact]
    public void Replace_HostWithOldPlainAndPortLines_KeepsOthersAndWritesOneNewLine()
    {
        var path = Path.Combine(_dir, "known_hosts");
        File.WriteAllLines(path, ["# team hosts", $"10.0.0.5 {OldKey}", $"other.example {OldKey}", $"@revoked * {OldKey}", $"[10.0.0.5]:2222 {OldKey}"]);

        KnownHostsFile.Replace(path, "10.0.0.5", 22, $"10.0.0.5 {NewKey}");

        Assert.Equal(["# team hosts", $"other.example {OldKey}", $"@revoked * {OldKey}", $"[10.0.0.5]:2222 {OldKey}", $"10.0.0.5 {NewKey}"], File.ReadAllLines(path));
    }

    [Fact]
    public void Replace_OffPort22_RecordsTheBracketedForm()
    {
        var path = Path.Combine(_dir, "sub", "known_hosts");
        KnownHostsFile.Replace(path, "10.0.0.5", 2222, $"[10.0.0.5]:2222 {NewKey}");
        Assert.Equal([$"[10.0.0.5]:2222 {NewKey}"], File.ReadAllLines(path));
    }

    [Fact]
    public void Replace_HashedLineForTheHost_IsRemovedToo()
    {
        var path = Path.Combine(_dir, "known_hosts");
        File.WriteAllText(path, $"10.0.0.5 {OldKey}\nkeep.example {OldKey}\n");
        using (var keygen = System.Diagnostics.Process.Start("ssh-keygen", ["-H", "-f", path])!)
        {
            keygen.WaitForExit();
        }
        KnownHostsFile.Replace(path, "10.0.0.5", 22, $"10.0.0.5 {NewKey}");
        var lines = File.ReadAllLines(path).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal($"10.0.0.5 {NewKey}", lines[^1]);
        Assert.StartsWith("|1|", lines[0], StringComparison.Ordinal); // keep.example, still hashed
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
