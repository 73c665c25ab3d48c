"""The media monitor: sources polled, posts labelled and grouped into stories, promoted to items."""
