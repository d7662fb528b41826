using Pipeline.Core.Capacity;
using Pipeline.Core.Commitments;

namespace Pipeline.Core.Tests.Capacity;

public class CapacityAnalysisTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    private static readonly Commitment Contract = new()
    {
        Id = "oci-h100", Name = "OCI H100", ProviderName = "Oracle", Category = CommitmentCategory.Usage, AcceleratorModel = "H100", Regions = ["us-ashburn-1"],
        Deliveries = [new CapacityDelivery(new DateOnly(2026, 6, 1), 256), new CapacityDelivery(new DateOnly(2026, 10, 1), 512)],
    };

    private static List<CapacityRecord> Snapshot()
    {
        var normalizer = new CapacityNormalizer(AcceleratorCatalog.Default);
        return new[]
        {
            new CapacityObservation("Oracle", "t", "us-ashburn-1", CapacityKind.Quota, "gpu-h100-count", 192, 128, "AD-1"),
            new CapacityObservation("Oracle", "t", "us-ashburn-1", CapacityKind.Quota, "gpu-h100-count", 64, 64, "AD-2"),
            new CapacityObservation("Oracle", "t", "us-phoenix-1", CapacityKind.Quota, "gpu-h100-count", 1000, 0, "AD-1"),
            new CapacityObservation("Oracle", "t", "us-ashburn-1", CapacityKind.Quota, "gpu-b200-count", 32, 0, "AD-1"),
            new CapacityObservation("Google Cloud", "p", "us-central1", CapacityKind.Quota, "PREEMPTIBLE_NVIDIA_H100_GPUS", 64, 0),
            new CapacityObservation("Google Cloud", "p", "us-central1", CapacityKind.Quota, "NVIDIA_H100_GPUS", 256, 192),
            new CapacityObservation("Google Cloud", "p", "us-central1", CapacityKind.Reservation, "a3-highgpu-8g", 8, 6, "res-1"),
        }.Select(o => normalizer.Normalize(o, Now)).ToList();
    }

    [Theory]
    [InlineData("2026-05-31", 0)]
    [InlineData("2026-06-01", 256)]
    [InlineData("2026-09-30", 256)]
    [InlineData("2026-10-01", 512)]
    [InlineData("2027-12-31", 512)]
    public void The_contracted_count_is_the_latest_delivery_on_or_before_the_day(string day, int expected) =>
        Contract.ContractedGpus(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(expected);

    [Fact]
    public void Delivered_counts_the_model_in_the_contract_regions_only()
    {
        var status = CapacityAnalysis.Delivery(Contract, Snapshot(), new DateOnly(2026, 11, 27));

        (status.ContractedGpus, status.DeliveredGpus, status.ShortfallGpus, status.Behind).Should().Be((512, 256m, 256m, true));
        status.NextDeliveryDate.Should().BeNull();
    }

    [Fact]
    public void Before_the_next_step_the_delivery_is_judged_against_the_current_one()
    {
        var status = CapacityAnalysis.Delivery(Contract, Snapshot(), new DateOnly(2026, 9, 30));

        (status.ContractedGpus, status.Behind, status.NextDeliveryDate, status.NextDeliveryGpus).Should().Be((256, false, new DateOnly(2026, 10, 1), 512));
    }

    [Fact]
    public void Headroom_adds_free_quota_and_free_reservations_and_keeps_spot_apart()
    {
        var gcp = CapacityAnalysis.Headroom(Snapshot()).Single(h => h.ProviderName == "Google Cloud");

        (gcp.QuotaGpusAvailable, gcp.ReservedGpusAvailable, gcp.GpusAvailable, gcp.SpotGpusAvailable).Should().Be((64m, 16m, 80m, 64m));
        (gcp.GpusLimit, gcp.GpusUsed).Should().Be((320m, 240m));
    }
}
