using Runbooks.Core.Locks;

namespace Runbooks.Storage.Tests.Locks;

/// <summary>The lock contract on the embedded default, <see cref="InProcessTargetLocks"/>.</summary>
public sealed class InProcessTargetLocksContractTests : TargetLocksContract
{
    protected override Task<ITargetLocks> CreateLocksAsync(TargetLockOptions options) => Task.FromResult<ITargetLocks>(new InProcessTargetLocks());
}
