"""What every handled item shares."""
