using System.Runtime.Versioning;

// These tests drive the CLI the way an operator does on Linux: kill(1) for Ctrl+C, ps, sh, openssl, tar.
[assembly: SupportedOSPlatform("linux")]
