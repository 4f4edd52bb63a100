# Memory of one edge process against authenticated idle WebSocket connections held (bench storm, docs/benchmarks.md).
# Data: storm-memory.dat, one block per edge launch variant (two blank lines between blocks), columns:
#   held  rss_mb  heap_after_gc_mb  direct_mb
# Regenerate: cd docs/plots && gnuplot storm-memory.gp
set terminal svg size 900,420 dynamic font "sans,11"
set output "storm-memory.svg"
set multiplot layout 1,2 title "One edge process, idle authenticated WebSocket connections (quiet box, mean of two runs)"
set key top left
set grid
set xlabel "connections held"
set format x "%.0s%c"
set ylabel "MB"
set title "resident set size (RSS)"
plot for [i=0:3] "storm-memory.dat" index i using 1:2 with linespoints title columnheader(1)
set title "heap used after a full GC"
plot for [i=0:3] "storm-memory.dat" index i using 1:3 with linespoints title columnheader(1)
unset multiplot
