// The file system's floor under `oktagen generate`: the work its write phase asks of the file system per file, and
// nothing else. Creates N files of BYTES bytes (default 600) in ROOT/staging/Models (open O_CREAT|O_EXCL, write, close),
// flushes the file system (syncfs), renames each file into ROOT/out/Models (or, with `whole`, renames ROOT/staging to
// ROOT/out once, as `oktagen generate` does into a new output folder), flushes again; prints wall and CPU time of each
// step. Build and run (docs/Scaling.md): cc -O2 -o /tmp/fs-floor Benchmarks/fs-floor.c && /tmp/fs-floor 100000 /tmp/floor
// usage: fs-floor N ROOT [each|whole] [BYTES]   (Benchmarks/bench.py runs `whole` as the regeneration rows' file floor)
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/resource.h>
#include <time.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
static double cpu(void){struct rusage u;getrusage(RUSAGE_SELF,&u);return u.ru_utime.tv_sec+u.ru_utime.tv_usec/1e6+u.ru_stime.tv_sec+u.ru_stime.tv_usec/1e6;}
int main(int argc,char**argv){
  if(argc<3){fprintf(stderr,"usage: fs-floor N ROOT [each|whole] [BYTES]\n");return 2;}
  int n=atoi(argv[1]); const char*root=argv[2]; int whole=argc>3&&!strcmp(argv[3],"whole");
  size_t size=argc>4?(size_t)atol(argv[4]):600; char*buf=malloc(size?size:1); memset(buf,'x',size);
  char a[512],b[512];
  snprintf(a,sizeof a,"%s/staging",root); mkdir(root,0777); mkdir(a,0777);
  snprintf(a,sizeof a,"%s/staging/Models",root); mkdir(a,0777);
  if(!whole){snprintf(a,sizeof a,"%s/out",root); mkdir(a,0777);
    snprintf(a,sizeof a,"%s/out/Models",root); mkdir(a,0777);}
  double w0=now(),c0=cpu();
  for(int i=0;i<n;i++){snprintf(a,sizeof a,"%s/staging/Models/S%d.swift",root,i);
    int fd=open(a,O_WRONLY|O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC,0666); if(fd<0){perror(a);return 1;}
    if(write(fd,buf,size)!=(ssize_t)size){perror(a);return 1;} close(fd);}
  double w1=now(),c1=cpu();
  int d=open(root,O_RDONLY|O_DIRECTORY); syncfs(d);
  double w2=now(),c2=cpu();
  if(whole){snprintf(a,sizeof a,"%s/staging",root);snprintf(b,sizeof b,"%s/out",root);if(rename(a,b)){perror(b);return 1;}}
  else for(int i=0;i<n;i++){snprintf(a,sizeof a,"%s/staging/Models/S%d.swift",root,i);snprintf(b,sizeof b,"%s/out/Models/S%d.swift",root,i);
    if(rename(a,b)){perror(b);return 1;}}
  double w3=now(),c3=cpu();
  syncfs(d);
  double w4=now(),c4=cpu();
  printf("n=%d create: %.2f wall %.2f cpu | sync %.2f wall | rename: %.2f wall %.2f cpu | sync %.2f wall | total cpu %.2f wall %.2f\n",
    n,w1-w0,c1-c0,w2-w1,w3-w2,c3-c2,w4-w3,c4-c0,w4-w0);
  return 0;
}
