namespace Pipeline.Connectors.Aws;

/// <summary>
/// FOCUS ServiceCategory for Cost Explorer SERVICE names (Cost Explorer has no category dimension). Matching is by
/// the leading words; anything unlisted is "Other" until added here.
/// </summary>
internal static class AwsServiceCategories
{
    private static readonly (string Prefix, string Category)[] s_map =
    [
        ("Amazon Elastic Compute Cloud", "Compute"), ("EC2 - Other", "Compute"), ("AWS Lambda", "Compute"), ("Amazon Elastic Container Service", "Compute"),
        ("Amazon Elastic Kubernetes Service", "Compute"), ("AWS Batch", "Compute"), ("Amazon Lightsail", "Compute"), ("AWS Fargate", "Compute"),
        ("Amazon SageMaker", "AI and Machine Learning"), ("Amazon Bedrock", "AI and Machine Learning"), ("Amazon Rekognition", "AI and Machine Learning"),
        ("Amazon Comprehend", "AI and Machine Learning"), ("Amazon Textract", "AI and Machine Learning"), ("Amazon Q", "AI and Machine Learning"),
        ("Amazon Simple Storage Service", "Storage"), ("Amazon Elastic File System", "Storage"), ("Amazon FSx", "Storage"), ("AWS Backup", "Storage"),
        ("Amazon Elastic Block Store", "Storage"), ("Amazon S3 Glacier", "Storage"),
        ("Amazon Relational Database Service", "Databases"), ("Amazon DynamoDB", "Databases"), ("Amazon ElastiCache", "Databases"), ("Amazon Aurora", "Databases"),
        ("Amazon Redshift", "Analytics"), ("Amazon Athena", "Analytics"), ("AWS Glue", "Analytics"), ("Amazon EMR", "Analytics"), ("Amazon Kinesis", "Analytics"),
        ("Amazon OpenSearch", "Analytics"),
        ("Amazon Virtual Private Cloud", "Networking"), ("Amazon CloudFront", "Networking"), ("AWS Data Transfer", "Networking"), ("Elastic Load Balancing", "Networking"),
        ("Amazon Route 53", "Networking"), ("AWS Direct Connect", "Networking"),
        ("AmazonCloudWatch", "Management and Governance"), ("Amazon CloudWatch", "Management and Governance"), ("AWS CloudTrail", "Management and Governance"),
        ("AWS Config", "Management and Governance"), ("AWS Support", "Management and Governance"), ("AWS Cost Explorer", "Management and Governance"),
        ("AWS Key Management Service", "Security"), ("AWS Secrets Manager", "Security"), ("Amazon GuardDuty", "Security"), ("AWS WAF", "Security"),
        ("Amazon Simple Queue Service", "Integration"), ("Amazon Simple Notification Service", "Integration"), ("AWS Step Functions", "Integration"),
        ("Amazon API Gateway", "Integration"),
    ];

    public static string For(string service)
    {
        foreach (var (prefix, category) in s_map)
        {
            if (service.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return category;
            }
        }

        return "Other";
    }
}
