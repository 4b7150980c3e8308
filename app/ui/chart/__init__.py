"""Chart canvas and items for the chart panel (pyqtgraph, numpy)."""
