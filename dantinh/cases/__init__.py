"""Complex incidents (vụ việc phức tạp) followed to resolution: timeline, risk and hotspots."""
