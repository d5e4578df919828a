# Signed (V1) parallel PUTs of one file as <count> objects, then parallel GETs of all of them; prints
# statuses, wall times and aggregate MB/s, and checks every length and two MD5s. Used by
# scripts/soak-big-transfers. Usage: big_transfers.py <port> <file> <count> <accessKeyId> <secret>
import sys, hmac, hashlib, base64, email.utils, http.client, threading, time, os
port=int(sys.argv[1]); path=sys.argv[2]; n=int(sys.argv[3])
ID=sys.argv[4]; SECRET=sys.argv[5].encode(); B='big-transfers'
size=os.path.getsize(path)
def auth(verb, res, ctype=''):
    d=email.utils.formatdate(usegmt=True)
    sig=base64.b64encode(hmac.new(SECRET, f"{verb}\n\n{ctype}\n{d}\n{res}".encode(), hashlib.sha1).digest()).decode()
    return {'Date': d, 'Authorization': f'OSS {ID}:{sig}'}
c=http.client.HTTPConnection('127.0.0.1', port); c.request('PUT', f'/{B}/', headers=auth('PUT', f'/{B}/')); r=c.getresponse(); r.read(); print('bucket', r.status)
res={}
def put(i):
    t=time.time(); c=http.client.HTTPConnection('127.0.0.1', port, timeout=600)
    h=auth('PUT', f'/{B}/big-{i}', 'application/octet-stream'); h['Content-Type']='application/octet-stream'; h['Content-Length']=str(size)
    with open(path,'rb') as f:
        c.request('PUT', f'/{B}/big-{i}', body=f, headers=h); r=c.getresponse(); r.read()
    res[('put',i)]=(r.status, time.time()-t, r.getheader('ETag'))
def get(i):
    t=time.time(); c=http.client.HTTPConnection('127.0.0.1', port, timeout=600)
    c.request('GET', f'/{B}/big-{i}', headers=auth('GET', f'/{B}/big-{i}')); r=c.getresponse()
    md=hashlib.md5() if i < 2 else None; got=0
    while True:
        b=r.read(1<<20)
        if not b: break
        got+=len(b)
        if md: md.update(b)
    res[('get',i)]=(r.status, time.time()-t, got, md.hexdigest() if md else None)
for phase,fn in (('put',put),('get',get)):
    t=time.time(); ts=[threading.Thread(target=fn,args=(i,)) for i in range(n)]
    [x.start() for x in ts]; [x.join() for x in ts]; wall=time.time()-t
    rows=[v for k,v in res.items() if k[0]==phase]
    print(phase, 'statuses', sorted(set(r[0] for r in rows)), f'wall {wall:.1f}s', f'{n*size/wall/1e6:.0f} MB/s', f'slowest {max(r[1] for r in rows):.1f}s fastest {min(r[1] for r in rows):.1f}s')
print('etags', sorted(set(v[2] for k,v in res.items() if k[0]=='put'))[:2])
ok = all(v[0]==200 for v in res.values()) and all(v[2]==size for k,v in res.items() if k[0]=='get')
md5s = [v[3] for k,v in res.items() if k[0]=='get' and v[3]]
print('get lengths ok', ok, 'md5', md5s)
expected = hashlib.md5()
with open(path,'rb') as f:
    for b in iter(lambda: f.read(1<<20), b''): expected.update(b)
ok = ok and all(m == expected.hexdigest() for m in md5s)
print('RESULT', 'PASS' if ok else 'FAIL')
sys.exit(0 if ok else 1)
