using Runbooks.Actions.Disk;

namespace Runbooks.Actions.Tests.Disk;

public sealed class DfParserTests
{
    [Fact]
    public void Parse_GnuOutput_ReadsEachMountIncludingSpacesAndMissingInodes()
    {
        const string output = """
            Filesystem     Type     1B-blocks        Used       Avail Use% IUse% Mounted on
            /dev/vda       ext4  270553174016 14315565056 84785078272  15%    3% /
            /dev/sdb1      vfat     104857600    52428800    52428800  50%     - /mnt/my usb disk
            df: /proc/x: Permission denied
            """;

        var mounts = DfParser.Parse(output);

        Assert.Equal(
            [
                new DiskMount("/dev/vda", "ext4", 270553174016, 14315565056, 84785078272, 15, 3, "/"),
                new DiskMount("/dev/sdb1", "vfat", 104857600, 52428800, 52428800, 50, null, "/mnt/my usb disk"),
            ],
            mounts);
    }
}
