"""The programme: the yearly survey, the programme's targets and the meetings with the people."""
