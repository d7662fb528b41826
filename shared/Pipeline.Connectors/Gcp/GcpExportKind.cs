namespace Pipeline.Connectors.Gcp;

/// <summary>Which billing export table <c>Gcp:ExportTable</c> is.</summary>
public enum GcpExportKind
{
    /// <summary>The standard usage cost export, <c>gcp_billing_export_v1_&lt;account&gt;</c>.</summary>
    Standard,

    /// <summary>The FOCUS export (<c>gcp_billing_export_focus_&lt;account&gt;</c>) or a FOCUS view with FOCUS column names.</summary>
    Focus,
}
