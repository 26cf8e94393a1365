# median(a, k): the median of a[1..k] (sorts a in place); shared by peer-run.sh and db-run.sh,
# which put this file's text in front of their own awk programs
function median(a, k,   i, j, t) {
  for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
  return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
}
