"""dantinh: grasping the situation of the people (nắm bắt tình hình Nhân dân)."""

__version__ = "0.1.0"
