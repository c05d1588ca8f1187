import 'py-worker-run';
