package accesslog

// CloudWatch Logs ingestion prices, us-east-1, in USD per GB, from the CloudWatch pricing page
// (https://aws.amazon.com/cloudwatch/pricing/, Logs, "Collect (Data Ingestion)") as the AWS price list
// carries them (the figures infracost uses), read on 2026-11-25 (components/AWS.md, "CloudWatch Logs").
// Storage ($0.03/GB-month) and Logs Insights ($0.005/GB scanned) come on top and are not estimated here.
const (
	StandardPricePerGB         = 0.50
	InfrequentAccessPricePerGB = 0.25
)

// BytesPerGB is the GB the prices are per. AWS bills data in binary gigabytes (2^30 bytes) on its price
// list; the CloudWatch pricing page does not say which, so this is an assumption [U]. With 10^9 bytes every
// cost here would be 7.4% higher.
const BytesPerGB = 1 << 30

// EventOverheadBytes is what PutLogEvents counts for each event on top of its UTF-8 message when it sizes a
// batch (CloudWatch Logs API reference, PutLogEvents) [V]. Whether ingestion is billed on it is not
// documented; billed bytes are the message bytes [S]. [Cost] therefore leaves it out of the headline figures
// and reports a second, upper-bound figure with it.
const EventOverheadBytes = 26

// Cost is the size of one log line and what a million of them cost to ingest.
type Cost struct {
	// Bytes is the UTF-8 size of one line with the catalogue's example values.
	Bytes int
	// StandardPerMillion and InfrequentAccessPerMillion are USD per million requests, billed on Bytes.
	StandardPerMillion         float64
	InfrequentAccessPerMillion float64
	// StandardPerMillionWithOverhead and InfrequentAccessPerMillionWithOverhead also count
	// EventOverheadBytes per line: an upper bound.
	StandardPerMillionWithOverhead         float64
	InfrequentAccessPerMillionWithOverhead float64
}

// PerMillion is the ingestion cost in USD of a million lines of bytes each at pricePerGB.
func PerMillion(bytes int, pricePerGB float64) float64 {
	return float64(bytes) * 1e6 / BytesPerGB * pricePerGB
}

// Estimate renders format with the example values ([Sample]) and prices a million such lines. Real lines
// differ: ids and IPs keep their length, but user agents, paths and error messages vary.
func Estimate(format string, api APIType) (Cost, error) {
	line, err := Sample(format, api)
	if err != nil {
		return Cost{}, err
	}
	n := len(line)
	return Cost{
		Bytes:                                  n,
		StandardPerMillion:                     PerMillion(n, StandardPricePerGB),
		InfrequentAccessPerMillion:             PerMillion(n, InfrequentAccessPricePerGB),
		StandardPerMillionWithOverhead:         PerMillion(n+EventOverheadBytes, StandardPricePerGB),
		InfrequentAccessPerMillionWithOverhead: PerMillion(n+EventOverheadBytes, InfrequentAccessPricePerGB),
	}, nil
}
