using Pipeline.Core.Capacity;

namespace Pipeline.Core.Tests.Capacity;

public class CapacityNormalizerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);
    private readonly CapacityNormalizer _normalizer = new(AcceleratorCatalog.Default);

    [Fact]
    public void An_azure_vcpu_family_quota_converts_to_gpus_of_whole_vms()
    {
        var r = _normalizer.Normalize(new CapacityObservation("Microsoft", "sub", "eastus2", CapacityKind.Quota, "standardNDSH100v5Family", 3072, 2976), Now);

        (r.AcceleratorModel, r.Unit, r.GpusLimit, r.GpusAvailable, r.GpusUsed).Should().Be(("H100", CapacityUnit.Vcpu, 256m, 8m, 248m));
        r.Utilization.Should().Be(2976m / 3072m);
        r.Available.Should().Be(96m);
    }

    [Fact]
    public void Gpu_counted_quotas_convert_one_to_one()
    {
        var r = _normalizer.Normalize(new CapacityObservation("Google Cloud", "p", "us-central1", CapacityKind.Quota, "NVIDIA_H100_GPUS", 256, 192), Now);

        (r.GpusLimit, r.GpusUsed, r.GpusAvailable, r.Spot).Should().Be((256m, 192m, 64m, false));
    }

    [Fact]
    public void Reservations_count_instances_of_the_instance_type()
    {
        var r = _normalizer.Normalize(new CapacityObservation("AWS", "1", "us-east-1", CapacityKind.CapacityBlock, "p5.48xlarge", 8, 6, "cr-1"), Now);

        (r.Unit, r.GpusLimit, r.GpusUsed, r.GpusAvailable).Should().Be((CapacityUnit.Instance, 64m, 48m, 16m));
    }

    [Fact]
    public void A_quota_without_reported_usage_keeps_its_limit_and_leaves_usage_unknown()
    {
        var r = _normalizer.Normalize(new CapacityObservation("AWS", "1", "us-east-1", CapacityKind.Quota, "L-417A185B", 1536, null), Now);

        (r.AcceleratorModel, r.GpusLimit, r.GpusAvailable, r.Utilization).Should().Be(("P-family", 64m, null, null));
    }

    [Fact]
    public void Spot_buckets_are_flagged()
    {
        _normalizer.Normalize(new CapacityObservation("Google Cloud", "p", "r", CapacityKind.Quota, "PREEMPTIBLE_NVIDIA_H100_GPUS", 64, 0), Now).Spot.Should().BeTrue();
        _normalizer.Normalize(new CapacityObservation("AWS", "1", "r", CapacityKind.Quota, "L-7212CCBC", 384, null), Now).Spot.Should().BeTrue();
        _normalizer.Normalize(new CapacityObservation("Microsoft", "s", "r", CapacityKind.Quota, "lowPriorityCores", 1000, 0), Now).Spot.Should().BeTrue();
    }

    [Fact]
    public void An_unknown_family_is_kept_without_gpu_numbers_and_reported()
    {
        var r = _normalizer.Normalize(new CapacityObservation("Microsoft", "s", "eastus2", CapacityKind.Quota, "StandardNDGB300v6Family", 512, 0), Now);

        (r.AcceleratorModel, r.Catalogued, r.GpusLimit, r.Limit).Should().Be(("unknown", false, null, 512m));
        _normalizer.Unknown.Should().Equal("Microsoft: StandardNDGB300v6Family");
    }
}
