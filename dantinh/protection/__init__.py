"""Data protection duties: retention and purge, data subjects' requests, the records the law asks
for, breaches, backup and restore."""
